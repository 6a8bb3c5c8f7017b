// Plain mode of `sandbox`: commands read one per line from standard input, each one's
// outcome and the event log's lines printed as they happen, so a session can be scripted
// and tested. Time moves only when told (`wait 5s`, `:rewind 2s`), except that a read or a
// write waits for its answer, as it would at a prompt (at most 10 s); what is still running
// at the end of the input is let finish (at most a minute) before the last cluster line.
import type { LabEntry } from '../lab/live-cluster.js';
import { COMMANDS } from '../lesson/commands/grammar.js';
import type { OpRecord } from '../sim/index.js';
import { formatEvent } from '../ui/event-log/event-format.js';
import { multiLeaderFacts } from '../ui/event-log/version-facts.js';
import { COLON_COMMANDS } from '../ui/sandbox/colon-commands.js';
import type { SandboxDriver } from '../ui/sandbox/sandbox-driver.js';
import { sourceText } from '../ui/sandbox/sandbox-view.js';
import { timeText } from '../ui/sandbox/transcript.js';
import type { LineInput } from './line-input.js';
import { clusterLine } from './plain-text.js';

/** How long the end of the input lets running commands finish. */
const FINISH_MS = 60_000;

export interface SandboxPlainIo {
  write(line: string): void;
  input: LineInput;
}

/** The command language and the session commands, one per line. */
export function plainHelp(): string[] {
  return [
    'Commands (one per line; # starts a comment):',
    ...COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`),
    'Session commands:',
    ...COLON_COMMANDS.map((c) => `  ${c.usage.padEnd(20)} ${c.summary}`),
  ];
}

/** Runs the session until the input ends or :quit; returns the exit status (1: a line was refused). */
export async function sandboxPlain(driver: SandboxDriver, io: SandboxPlainIo): Promise<number> {
  const { write } = io;
  const snap = driver.snapshot();
  write(
    `Sandbox: ${sourceText(driver)} (seed ${driver.live.seed}); nodes: ${snap.nodes.map((n) => (n.id === snap.leader ? `${n.id} (leader)` : n.id)).join(', ')}`,
  );
  write('Reading commands from standard input, one per line; :help lists them.');
  write(clusterLine(snap));
  let printedEvents = driver.live.sim.history.length;
  const reported = new Set<LabEntry>();
  let refused = 0;

  /** The event log's lines since the last call, then the commands that finished. */
  const flush = () => {
    const live = driver.live;
    const history = live.sim.history;
    if (printedEvents > history.length) printedEvents = history.length; // after a rewind
    const labels = driver.labels();
    const ops = new Map<number, OpRecord>();
    for (let i = printedEvents; i < history.length; i++) {
      const e = history.at(i)!;
      const ids = e.type === 'op' ? [e.op] : e.type === 'truncate' ? e.lostOps : [];
      for (const id of ids) {
        const op = live.sim.ops.at(id);
        if (op) ops.set(id, op);
      }
    }
    for (; printedEvents < history.length; printedEvents++) {
      const quorum = multiLeaderFacts(live.sim);
      const line = formatEvent(history.at(printedEvents)!, { ops, labels, quorum });
      if (!line) continue;
      const tags = line.labels.length > 0 ? `⚠ ${line.labels.join(', ')} — ` : '';
      write(`  event ${timeText(line.t)} ${line.glyph} ${tags}${line.text}`);
    }
    for (const e of live.log) {
      if (e.result === undefined || reported.has(e)) continue;
      reported.add(e);
      const l = e.opId === undefined ? [] : (labels.get(e.opId) ?? []);
      const tags = l.length > 0 ? `  [${l.join(', ')}]` : '';
      write(`  done  ${timeText(e.doneAt ?? e.t)} ${e.result}${tags}`);
    }
  };

  for (;;) {
    const raw = await io.input.next();
    if (raw === undefined) break;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    write(`> ${line}`);
    const outcome = driver.submit(line);
    if (outcome.kind === 'refused') {
      refused++;
      const e = outcome.error;
      write(`  error: ${e.message}`);
      if (e.to > e.from && !line.startsWith(':')) {
        write(`    ${line}`);
        write(`    ${' '.repeat(e.from)}${'^'.repeat(e.to - e.from)}`);
      }
      continue;
    }
    if (outcome.kind === 'applied') {
      driver.awaitAnswer(outcome.entry);
      flush();
      continue;
    }
    if (outcome.kind !== 'colon') continue;
    const c = outcome.command;
    if (c.kind === 'quit') break;
    if (c.kind === 'help') for (const l of plainHelp()) write(l);
    else if (c.kind === 'speed')
      write('  (speed is for the live screen; here time moves with wait)');
    else if (outcome.message) {
      if (outcome.failed) refused++;
      for (const l of outcome.message.split('\n'))
        write(`  ${outcome.failed ? 'error: ' : ''}${l}`);
      if (c.kind === 'rewind') reported.clear();
      if (c.kind === 'rewind')
        for (const e of driver.live.log) if (e.result !== undefined) reported.add(e);
      printedEvents = Math.min(printedEvents, driver.live.sim.history.length);
    }
  }
  // What is still running finishes (a slow restore, a read that waits) before the summary.
  const live = driver.live;
  if (live.pending.length > 0) {
    const until = live.now + FINISH_MS;
    while (live.pending.length > 0 && live.now < until) {
      const next = live.nextEventTime();
      driver.advanceTo(next === undefined ? until : Math.min(next, until));
    }
    flush();
    for (const e of live.pending) write(`  still running at the end: ${e.text}`);
  }
  write(clusterLine(driver.snapshot()));
  return refused > 0 ? 1 : 0;
}
