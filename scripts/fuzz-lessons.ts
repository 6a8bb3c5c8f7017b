// `npm run fuzz:lessons [count] [first-seed]`: mutated copies of the shipped lessons
// (lesson-mutations.ts), each through the built CLI's `validate` and `play --plain`, as a
// stranger's file would be. Reports every run that hangs past 60 s, goes over 500 MB of
// memory, or prints a stack trace; exits 1 if any did. Mutants that failed are kept in
// .tmp/fuzz-lessons/ to reproduce.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mutateLesson } from './lesson-mutations.js';

const HANG_MS = 60_000;
const MAX_RSS_KB = 500 * 1024;
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

interface Outcome {
  ms: number;
  rssKb: number;
  code: number | null;
  output: string;
  killed: boolean;
}

function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function run(args: string[], input: string, home: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['dist/cli.js', ...args], {
      env: { ...process.env, CI: 'true', REPLICATION_TUTOR_HOME: home, NO_COLOR: '1' },
    });
    let output = '';
    let rssKb = 0;
    let killed = false;
    const keep = (d: Buffer) => {
      if (output.length < 200_000) output += d.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.stdin.on('error', () => {});
    child.stdin.end(input);
    const poll = setInterval(() => {
      rssKb = Math.max(rssKb, peakRss(child.pid!));
      if (rssKb > MAX_RSS_KB * 2 || Date.now() - t0 > HANG_MS) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, 100);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ ms: Date.now() - t0, rssKb, code, output, killed });
    });
  });
}

export async function main(argv: string[]): Promise<number> {
  const count = Number(argv[0] ?? 200);
  const first = Number(argv[1] ?? 1);
  const dir = 'lessons';
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
  const work = mkdtempSync(join(tmpdir(), 'fuzz-lessons-'));
  const kept = '.tmp/fuzz-lessons';
  mkdirSync(kept, { recursive: true });
  const bad: string[] = [];
  let slowest = 0;
  let biggest = 0;
  for (let i = 0; i < count; i++) {
    const seed = first + i;
    const src = sources[i % sources.length]!;
    const m = mutateLesson(src.text, seed);
    const file = join(work, `${src.name.replace('.yaml', '')}-${seed}.yaml`);
    writeFileSync(file, m.text);
    const home = mkdtempSync(join(work, 'home-'));
    for (const args of [
      ['validate', file],
      ['play', file, '--plain', '--seed', '1'],
    ]) {
      const o = await run(args, '1\n'.repeat(200), home);
      slowest = Math.max(slowest, o.ms);
      biggest = Math.max(biggest, o.rssKb);
      const problems = [
        o.killed || o.ms > HANG_MS ? `hung (${o.ms} ms)` : '',
        o.rssKb > MAX_RSS_KB ? `${Math.round(o.rssKb / 1024)} MB` : '',
        STACK.test(o.output) ? 'stack trace' : '',
      ].filter(Boolean);
      if (problems.length > 0) {
        const keptFile = join(kept, `${src.name.replace('.yaml', '')}-${seed}.yaml`);
        writeFileSync(keptFile, m.text);
        bad.push(`${keptFile} (${m.what}): ${args[0]}: ${problems.join(', ')}`);
        process.stdout.write(`${bad[bad.length - 1]}\n`);
      }
    }
    rmSync(home, { recursive: true, force: true });
    if ((i + 1) % 25 === 0) process.stdout.write(`${i + 1}/${count} mutants\n`);
  }
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(
    `${count} mutants (seeds ${first}-${first + count - 1}), 2 runs each: ${bad.length} bad; slowest ${slowest} ms, most memory ${Math.round(biggest / 1024)} MB\n`,
  );
  return bad.length > 0 ? 1 : 0;
}
