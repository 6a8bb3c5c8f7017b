// `replication-tutor sandbox [lesson-or-preset]`: a live cluster to break by typing
// commands. In a terminal the sandbox screen; with --plain or whenever stdin or stdout is
// not a terminal, commands are read line by line (sandbox-plain.ts). --step N opens a lesson
// at the moment before its step N (the steps before played with their reference answers).
import type { LabOrigin } from '../lab/lab-origin.js';
import { resolveOrigin } from '../lab/resolve-origin.js';
import { formatProblem } from '../lesson/format/load.js';
import { parseSeed } from './lesson-arg.js';
import { LineInput } from './line-input.js';
import { plainLines } from './output-lines.js';
import { UsageError } from './usage-error.js';

export interface SandboxFlags {
  step?: string;
  seed?: string;
  plain?: boolean;
}

function parseStep(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1)
    throw new UsageError(`--step: expected a step number from 1, found "${raw}"`);
  return Number(raw);
}

async function originFor(
  arg: string | undefined,
  flags: SandboxFlags,
): Promise<{ origin: LabOrigin; label: string }> {
  const seed = parseSeed(flags.seed);
  const step = parseStep(flags.step);
  const r = await resolveOrigin(arg, { seed, step: step === undefined ? undefined : step - 1 });
  if (!r.ok) {
    for (const p of r.problems) process.stderr.write(`${formatProblem(p)}\n`);
    throw new UsageError(r.message);
  }
  const src = r.origin.source;
  if (step !== undefined) {
    if (src.kind === 'preset')
      throw new UsageError(`--step applies to a lesson; ${src.name} is a preset (it has no steps)`);
    if (src.step !== step - 1) {
      throw new UsageError(
        `--step ${step}: lesson ${src.id} has ${src.step} steps; use 1 to ${src.step + 1} (${src.step + 1}: after the last)`,
      );
    }
  }
  return { origin: r.origin, label: r.label };
}

export async function runSandboxCommand(
  arg: string | undefined,
  flags: SandboxFlags,
): Promise<number> {
  const { origin, label } = await originFor(arg, flags);
  const { SandboxDriver } = await import('../ui/sandbox/sandbox-driver.js');
  const driver = new SandboxDriver(origin, { label });
  const interactive = !flags.plain && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
  if (interactive) {
    const { runInteractiveSandbox } = await import('../ui/interactive.js');
    return runInteractiveSandbox(driver);
  }
  const { sandboxPlain } = await import('./sandbox-plain.js');
  const input = new LineInput();
  try {
    return await sandboxPlain(driver, { write: plainLines(), input });
  } finally {
    input.close();
  }
}
