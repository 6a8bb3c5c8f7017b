// `sandbox --help`: presets, keys and examples, kept apart so that --help loads nothing but
// text (the keys come from the sandbox's own key table, which is text too).
import { SANDBOX_KEYS, TYPING_KEYS } from '../ui/sandbox/sandbox-keys.js';
import { SERVE_PRESETS } from './serve-help.js';

/** Every preset (the lab's PRESET_NAMES; a test keeps them equal): serve's, plus the
 * leaderless and multi-leader ones, which serve's leader-and-replicas API cannot expose. */
export const SANDBOX_PRESETS: readonly string[] = [
  ...SERVE_PRESETS,
  'dynamo-style',
  'multi-leader',
];

function rows(entries: readonly { keys: string; text: string }[]): string {
  const w = Math.max(...entries.map((e) => e.keys.length));
  return entries.map((e) => `  ${e.keys.padEnd(w)}  ${e.text}`).join('\n');
}

export const SANDBOX_HELP = `
With no argument: the three-node-async preset (primary, replica-1, replica-2).
Presets: ${SANDBOX_PRESETS.join(', ')}; or any lesson id or lesson file.

Type commands at the bottom, as lesson steps are written; Tab completes them:
  write tweet hello            read tweet from replica-2        crash replica-1
  partition primary | replica-1 replica-2                        heal
  set replica-2 lag 10s        promote replica-1                wait 5s
Session commands: :save my.yaml (the session as a lesson file), :rewind 5s, :speed 10,
:help (every command), :quit.

Keys while typing:
${rows(TYPING_KEYS.map((k) => ({ keys: k.display, text: k.description })))}
Single keys (Esc first):
${rows(SANDBOX_KEYS.map((b) => ({ keys: b.display, text: b.description })))}

Plain mode (--plain, or input that is not a terminal) reads one command per line and prints
each result and the event log as they happen; time moves with wait (a read or write waits
for its answer).

Examples:
  replication-tutor sandbox
  replication-tutor sandbox five-node-quorum-failover
  replication-tutor sandbox lost-tweet --step 3
  printf 'write tweet hello\\nread tweet from replica-2\\n:save lost.yaml\\n' | replication-tutor sandbox --plain
`;
