import { describe, expect, it } from 'vitest';
import { transcriptRuns, transcriptText } from '../../../src/ui/sandbox/transcript.js';

const text = (runs: ReturnType<typeof transcriptRuns>) =>
  runs.map((r) => r.map((x) => (typeof x === 'string' ? x : x.text)).join(''));

describe('transcript lines', () => {
  it('wraps a long note over at most three lines within the width', () => {
    const note = {
      kind: 'note' as const,
      tone: 'ok' as const,
      text: '✓ saved /a/rather/long/folder/name/for/sessions/lost.yaml (6 steps); play it with: replication-tutor play lost.yaml',
    };
    const lines = text(transcriptRuns(note, 40));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines[1]?.startsWith('  ')).toBe(true);
  });

  it('prints a command and its result on one line when they fit, else the result under it', () => {
    const entry = {
      seq: 1,
      t: 1500,
      text: 'crash replica-1',
      name: 'crash',
      raw: {},
      step: { kind: 'crash', node: 'replica-1' },
      result: 'replica-1 crashed',
      doneAt: 1500,
    } as const;
    const item = { kind: 'command' as const, entry: entry as never, labels: [] };
    expect(transcriptText([item])).toEqual(['1.500s › crash replica-1  ✓ replica-1 crashed']);
    const narrow = text(transcriptRuns(item, 30));
    expect(narrow).toEqual(['1.500s › crash replica-1', '       ✓ replica-1 crashed']);
    const stale = { ...item, labels: ['stale'] };
    expect(transcriptText([stale])).toEqual([
      '1.500s › crash replica-1  ⚠ stale: replica-1 crashed',
    ]);
  });
});
