// `:save`: a sandbox session as a lesson file an instructor can edit. The cluster it started
// from is the `cluster:`, the steps that led to the start (from a lesson) come first, then
// every command as its step, with `wait`s for the time between them, so the file replays
// to the same state: `validate` accepts it and playing it ends where the session was.
//
// Timing: in the sandbox nothing blocks, while in a lesson a `read` step waits for its
// answer. Commands that keep running (writes, restores, copies, workloads) are saved with
// `background: true`; a read is saved as it is, and the wait after it counts from its
// answer. Only a command given while a read was still waiting cannot be placed exactly:
// the result says so in `notes`.
import { Document, isMap, isSeq } from 'yaml';
import type { RawStep } from '../../lesson/commands/grammar.js';
import { at, duration } from '../../lesson/engine/describe-outcome.js';
import type { LiveCluster } from '../live-cluster.js';
import { clientToRaw, clusterToRaw, formatDuration, stepToRaw } from './lesson-yaml.js';

export interface SaveOptions {
  /** Lesson id (kebab-case); default from where the session started. */
  id?: string;
  title?: string;
}

export interface SavedSession {
  /** The lesson as plain data (what the YAML holds). */
  data: Record<string, unknown>;
  yaml: string;
  /** Where the saved lesson does not replay the session exactly, in words. */
  notes: string[];
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A lesson id from a file name: `My Session.yaml` → `my-session`. */
export function lessonIdFromFileName(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  const id = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'sandbox-session' : id;
}

export function saveSession(live: LiveCluster, options: SaveOptions = {}): SavedSession {
  const { origin } = live;
  const src = origin.source;
  const from =
    src.kind === 'preset'
      ? `the ${src.name} preset`
      : `lesson ${src.id} ("${src.title}") at step ${src.step + 1}`;
  const id = options.id ?? `sandbox-${src.kind === 'preset' ? src.name : src.id}`;
  if (!KEBAB.test(id))
    throw new RangeError(`lesson id "${id}": expected kebab-case like my-session`);
  const notes: string[] = [];
  const steps: RawStep[] = [
    {
      say: `A sandbox session, started from ${from} and saved as a lesson. Edit the steps, add questions, then check it with \`replication-tutor validate\`.`,
    },
    ...origin.lesson.steps.map(stepToRaw),
    ...sessionSteps(live, notes),
  ];
  const lesson = origin.lesson;
  const data: Record<string, unknown> = {
    id,
    title: options.title ?? `Sandbox: ${src.kind === 'preset' ? src.name : src.title}`,
    summary: `A sandbox session started from ${from}.`,
    seed: live.seed,
    cluster: clusterToRaw(lesson.cluster),
    ...(lesson.clients.length > 0 ? { clients: lesson.clients.map(clientToRaw) } : {}),
    steps,
  };
  return { data, yaml: toYaml(data), notes };
}

/** The session's commands as steps, with the waits between them. */
function sessionSteps(live: LiveCluster, notes: string[]): RawStep[] {
  const out: RawStep[] = [];
  // Where a replay of the saved lesson has got to on the simulated clock.
  let t = live.startT;
  for (const e of live.log) {
    if (e.step.kind === 'wait') continue; // the time it took shows in the next gap
    if (e.t > t) {
      out.push({ wait: formatDuration(e.t - t) });
      t = e.t;
    } else if (e.t < t) {
      notes.push(
        `"${e.text}" was given at ${at(e.t)}, while a read was still waiting for its answer; the saved lesson gives it when the read has finished, ${duration(t - e.t)} later`,
      );
    }
    out.push(e.raw);
    if (e.step.kind !== 'read') continue;
    if (e.doneAt === undefined) {
      notes.push(
        `"${e.text}" was still waiting for its answer when the session was saved; the saved lesson waits for it`,
      );
    } else {
      t = Math.max(t, e.doneAt);
    }
  }
  if (live.now > t) out.push({ wait: formatDuration(live.now - t) });
  return out;
}

/** YAML as an author writes it: one line per node, client and step. */
function toYaml(data: Record<string, unknown>): string {
  const doc = new Document(data);
  const oneLine = (node: unknown) => {
    if (isMap(node) || isSeq(node)) node.flow = true;
  };
  for (const path of [['cluster', 'nodes'], ['clients']]) {
    const seq = doc.getIn(path, true);
    if (isSeq(seq)) seq.items.forEach(oneLine);
  }
  oneLine(doc.getIn(['cluster', 'failover'], true));
  const steps = doc.get('steps', true);
  if (isSeq(steps)) {
    for (const step of steps.items)
      if (isMap(step)) for (const pair of step.items) oneLine(pair.value);
  }
  const header =
    '# Saved from the replication-tutor sandbox. Check it with: replication-tutor validate <this file>\n';
  return header + doc.toString({ lineWidth: 100, flowCollectionPadding: false });
}
