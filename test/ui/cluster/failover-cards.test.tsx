// matrix-2025 played to its failover and on to the loss of the second host: the cards must
// not show a down node as the leader (two leaders after a failover), and the delayed replica
// whose source is gone must show the entry it has yet to apply, not "lag 0".
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LessonRunner } from '../../../src/lesson/engine/runner.js';
import { loadLessonFile } from '../../../src/lesson/format/load.js';
import type { ClusterSnapshot } from '../../../src/sim/index.js';
import { CARD_LEGEND } from '../../../src/ui/cluster/card-legend.js';
import { clusterTopLines } from '../../../src/ui/cluster/cluster-lines.js';
import { ClusterPane } from '../../../src/ui/cluster/cluster-pane.js';
import { NodeCard } from '../../../src/ui/cluster/node-card.js';
import { nodeRowLine, rowWidths } from '../../../src/ui/cluster/node-row.js';
import { addSample, NO_SAMPLES } from '../../../src/ui/lag-chart/lag-sampler.js';
import { PLAYER_BINDINGS } from '../../../src/ui/player/player-screen.js';
import { TIME_LAPSE_NOTES } from '../../../src/ui/player/time-lapse-notes.js';
import { HelpOverlay } from '../../../src/ui/screen/help-overlay.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { flat } from '../frame.js';

async function matrix(): Promise<LessonRunner> {
  const r = await loadLessonFile('lessons/matrix-2025.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return new LessonRunner(r.lesson, { pauseOnSay: true });
}

/** Plays on to the next `say` whose text contains `words`. */
function playTo(r: LessonRunner, words: string): ClusterSnapshot {
  for (;;) {
    r.advance();
    if (r.state.kind === 'say' && r.state.step.text.includes(words)) return r.sim.snapshot();
    if (r.state.kind !== 'say') throw new Error(`stopped at ${r.state.kind} before "${words}"`);
    r.continueSay();
  }
}

function card(snapshot: ClusterSnapshot, id: string): string {
  const node = snapshot.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  const app = render(<NodeCard node={node} width={36} />);
  const frame = app.lastFrame() ?? '';
  app.unmount();
  return frame;
}

function row(snapshot: ClusterSnapshot, id: string): string {
  const node = snapshot.nodes.find((n) => n.id === id)!;
  return nodeRowLine(node, rowWidths(snapshot.nodes), false, createTheme(false)).text;
}

function pane(snapshot: ClusterSnapshot): string {
  const app = render(<ClusterPane snapshot={snapshot} width={100} />);
  const frame = app.lastFrame() ?? '';
  app.unmount();
  return frame;
}

const count = (text: string, word: string) => text.split(word).length - 1;

describe('matrix-2025 cards after the failovers', () => {
  it('after db-02 fails and db-01 is promoted: one leader, db-02 was leader', async () => {
    const r = await matrix();
    const snap = playTo(r, 'The fallback loses nothing');
    expect(snap.leader).toBe('db-01');
    expect(card(snap, 'db-01')).toContain('◆ leader');
    const db02 = card(snap, 'db-02');
    expect(db02).toContain('✕ down');
    expect(db02).toContain('◇ was leader');
    expect(db02).not.toContain('◆');
    expect(row(snap, 'db-02')).toContain('◇ was leader');
    expect(count(pane(snap), '◆ leader')).toBe(1);
  });

  it('after db-01 is lost: no card reads leader, db-03 is 1 entry behind', async () => {
    const r = await matrix();
    const snap = playTo(r, 'Two replicated hosts did not make two');
    const db03 = snap.nodes.find((n) => n.id === 'db-03')!;
    expect(db03).toMatchObject({ status: 'disconnected', appliedLsn: 4, receivedLsn: 5 });
    expect(db03.lagToNewest).toMatchObject({
      newestLsn: 5,
      receivedEntries: 0,
      appliedEntries: 1,
    });
    const db03Card = flat(card(snap, 'db-03'));
    expect(db03Card).toMatch(/lag 1 entry · 30m\S* · 60 GB/);
    expect(db03Card).not.toContain('lag 0');
    expect(row(snap, 'db-03')).toMatch(/ 1 · 30m\S* · 60 GB/);
    for (const id of ['db-01', 'db-02']) {
      expect(card(snap, id)).toContain('◇ was leader');
      // A wiped node misses every entry of the newest log.
      expect(flat(card(snap, id))).toContain('lag 5 entries');
    }
    expect(pane(snap)).not.toContain('◆ leader');
    expect(clusterTopLines(snap, createTheme(false))[0]?.text).toContain('leader db-01 (down)');
    // The lag chart samples the same lag: half an hour since LSN 5 was written, not 0.
    const lag = addSample(NO_SAMPLES, snap)[0]?.lag.get('db-03');
    expect(lag).toBeGreaterThanOrEqual(30 * 60_000);
  });
});

describe('the card legend in the player help', () => {
  it('fits at 80×24 and explains "was leader"', () => {
    // The player gives the help every row but the last.
    const app = render(
      <HelpOverlay
        width={80}
        height={23}
        bindings={PLAYER_BINDINGS}
        legend={CARD_LEGEND}
        notes={TIME_LAPSE_NOTES}
      />,
    );
    const frame = app.lastFrame() ?? '';
    app.unmount();
    expect(frame).toContain('On the cards');
    expect(frame).toMatch(/lag +behind: n · time · bytes/);
    expect(frame).toMatch(/◆ ◇ +◇ was leader: it is down/);
  });
});
