// The leaderless cluster pane shows what the snapshot says: each replica's versions (LWW
// stamps or version vectors, siblings marked), hints, the quorum settings, messages on
// their way; cards when the rows allow, one line per replica when they do not.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultCluster, Simulation } from '../../../src/sim/index.js';
import { quorumPaneHeight, quorumPaneLines } from '../../../src/ui/cluster/quorum-lines.js';
import { createTheme } from '../../../src/ui/theme/theme.js';

const theme = createTheme(false);
const text = (lines: { text: string }[]) => lines.map((l) => stripVTControlCharacters(l.text));

function sim(conflict: 'lww' | 'siblings') {
  return new Simulation(
    defaultCluster(
      ['a', 'b', 'c', 'd'].map((id) => ({ id, role: 'follower' as const })),
      { topology: 'leaderless', conflict, quorum: { n: 3, w: 2, r: 2, sloppy: true } },
    ),
    { seed: 1, clients: [{ id: 'late', policy: 'leader', clockSkew: -1500 }] },
  );
}

describe('quorum pane', () => {
  it('LWW: each key with its client-clock stamp; a hint held for a home replica', () => {
    const s = sim('lww');
    s.runUntil(2000);
    s.apply({ type: 'crash', node: 'a' });
    s.apply({ type: 'crash', node: 'b' });
    s.apply({ type: 'write', client: 'late', key: 'x', value: 1 });
    s.runUntil(2010);
    const lines = text(quorumPaneLines(s.snapshot(), 80, 20, theme));
    expect(lines[0]).toContain('leaderless  n=3 w=2 r=2 · lww · sloppy');
    expect(lines.join('\n')).toContain('x = 1 @0.500s');
    expect(lines.join('\n')).toContain('hint→a x = 1');
    expect(lines.join('\n')).toContain('✕ down · home');
    expect(lines.join('\n')).toContain('● up · fallback');
  });

  it('siblings: every version on a line of its own with its vector, marked ⑂', () => {
    const s = sim('siblings');
    s.apply({ type: 'write', client: 'ann', key: 'cart', value: 'milk' });
    s.runUntil(10);
    s.apply({ type: 'write', client: 'bob', key: 'cart', value: 'eggs' });
    s.runUntil(20);
    const all = text(quorumPaneLines(s.snapshot(), 80, 20, theme)).join('\n');
    expect(all).toContain('⑂cart = "milk" [a:1]');
    expect(all).toContain('⑂cart = "eggs" [a:2]');
  });

  it('short of rows: one line per replica, never more lines than given', () => {
    const s = sim('lww');
    s.apply({ type: 'write', client: 'ann', key: 'k', value: 'v' });
    s.runUntil(10);
    const lines = text(quorumPaneLines(s.snapshot(), 80, 6, theme));
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^a ● up\s+home {2}k = "v" @0\.000s$/);
    expect(quorumPaneHeight(s.snapshot(), 80, 6)).toBe(5);
    expect(quorumPaneLines(s.snapshot(), 80, 3, theme)).toHaveLength(3);
  });

  it('messages on their way, with when they arrive', () => {
    const s = new Simulation(
      defaultCluster(
        [
          { id: 'a', role: 'follower' },
          { id: 'b', role: 'follower', lag: 3000 },
        ],
        { topology: 'leaderless', quorum: { n: 2, w: 1, r: 1 } },
      ),
      { seed: 1 },
    );
    s.apply({ type: 'write', client: 'you', key: 'k', value: 'v' });
    s.runUntil(1000);
    const all = text(quorumPaneLines(s.snapshot(), 80, 20, theme)).join('\n');
    expect(all).toContain('you ──▸ b  write "k" #0, arrives in 2.0s');
  });
});
