// The cluster pane of a leaderless cluster, as lines: a header with the quorum settings, the
// partition, a card per replica (home or fallback, up or down, each key's versions — value
// and LWW clock stamp or version vector — and the hints it holds for others), then the
// quorum messages on their way. Cards when they fit the rows given, else one line per
// replica. Pure: it shows what the snapshot says and computes nothing about replication.
import type {
  ClusterSnapshot,
  LeaderlessSnapshot,
  NodeSnapshot,
  QuorumMessage,
  ReplicaSnapshot,
  VersionSnapshot,
} from '../../sim/index.js';
import { formatDuration, formatValue } from '../text/format.js';
import { composeRuns } from '../text/paint.js';
import type { PaintedLine } from '../text/painted-lines.js';
import { formatNow, type StoryClock } from '../text/story-time.js';
import { padEnd, textWidth, truncate } from '../text/text.js';
import { createTheme, STATUS, type Theme } from '../theme/theme.js';
import { formatPartition } from './links.js';

const MIN_CARD = 22;
const MAX_CARD = 36;
/** Lines a card keeps for keys and hints at most. */
const MAX_BODY = 4;

/** A version's clock: LWW's stamp, or the version vector (`a:2 b:1`). */
export function versionClock(v: VersionSnapshot, conflict: 'lww' | 'siblings'): string {
  // A skewed client clock can stamp before 0: the sign shows.
  if (conflict === 'lww') return `@${(v.stamp / 1000).toFixed(3)}s`;
  const parts = Object.entries(v.clock).map(([n, c]) => `${n}:${c}`);
  return `[${parts.join(' ')}]`;
}

/** One line per version of each key: `cart = "milk" [a:1]`; siblings get a line each. */
export function replicaBody(rep: ReplicaSnapshot, conflict: 'lww' | 'siblings'): string[] {
  const out: string[] = [];
  for (const k of rep.keys) {
    const sib = k.versions.length > 1 ? '⑂' : '';
    for (const v of k.versions) {
      out.push(`${sib}${k.key} = ${formatValue(v.value)} ${versionClock(v, conflict)}`);
    }
  }
  for (const h of rep.hints) out.push(`hint→${h.for} ${h.key} = ${formatValue(h.version.value)}`);
  return out;
}

function settings(q: LeaderlessSnapshot): string {
  const parts = [`n=${q.n} w=${q.w} r=${q.r}`, q.conflict];
  if (q.sloppy) parts.push('sloppy');
  if (q.readRepair) parts.push('read repair');
  if (q.antiEntropy !== undefined) parts.push(`anti-entropy ${formatDuration(q.antiEntropy)}`);
  if (q.readFrom === 'random') parts.push('reads pick r at random');
  return parts.join(' · ');
}

export function quorumMessageText(m: QuorumMessage, now: number): string {
  const op = m.op === undefined ? '' : ` #${m.op}`;
  return `${m.from} ──▸ ${m.to}  ${m.kind} "${m.key}"${op}, arrives in ${formatDuration(Math.max(0, m.arrivesAt - now))}`;
}

interface Card {
  node: NodeSnapshot;
  rep: ReplicaSnapshot;
  body: string[];
}

function cardLines(
  cards: readonly Card[],
  width: number,
  body: number,
  theme: Theme,
): PaintedLine[] {
  const inner = width - 4;
  const line = (
    cells: (c: Card) => { text: string; tone?: Parameters<Theme['color']>[0]; dim?: boolean },
  ) => ({
    text: composeRuns(
      cards.map((c) => {
        const cell = cells(c);
        const border = theme.color(STATUS[c.node.status].tone);
        return composeRuns([
          { text: '│ ', paint: { color: border } },
          {
            text: padEnd(truncate(cell.text, inner), inner),
            paint: { color: cell.tone ? theme.color(cell.tone) : undefined, dimColor: cell.dim },
          },
          { text: ' │', paint: { color: border } },
        ]);
      }),
    ),
  });
  const edge = (left: string, right: string, label: (c: Card) => string) => ({
    text: composeRuns(
      cards.map((c) => {
        const title = truncate(label(c), width - 4);
        const fill = '─'.repeat(Math.max(0, width - 2 - textWidth(title)));
        return {
          text: `${left}${title}${fill}${right}`,
          paint: { color: theme.color(STATUS[c.node.status].tone) },
        };
      }),
    ),
  });
  const out: PaintedLine[] = [edge('╭', '╮', (c) => `─ ${c.node.id} `)];
  out.push(
    line((c) => {
      const s = STATUS[c.node.status];
      return { text: `${s.glyph} ${s.label} · ${c.rep.home ? 'home' : 'fallback'}`, tone: s.tone };
    }),
  );
  for (let i = 0; i < body; i++) {
    out.push(
      line((c) => {
        const lines = c.body.length === 0 ? ['(no data)'] : c.body;
        const cut = lines.length > body && i === body - 1;
        const text = cut ? `… ${lines.length - body + 1} more` : (lines[i] ?? '');
        return { text, dim: text === '(no data)' || cut || text.startsWith('hint') };
      }),
    );
  }
  out.push(edge('╰', '╯', () => ''));
  return out;
}

/** The pane's lines, at most `height` of them. */
export function quorumPaneLines(
  snapshot: ClusterSnapshot,
  width: number,
  height: number,
  theme: Theme,
  clock?: StoryClock,
): PaintedLine[] {
  const q = snapshot.leaderless!;
  const lines: PaintedLine[] = [
    {
      text: composeRuns([
        { text: formatNow(snapshot.t, clock), paint: { bold: true } },
        '  leaderless  ',
        settings(q),
      ]),
    },
  ];
  const partition = formatPartition(snapshot.partition);
  if (partition) lines.push({ text: partition, paint: { color: theme.color('danger') } });
  const cards: Card[] = snapshot.nodes.map((node, i) => {
    const rep = q.replicas[i]!;
    return { node, rep, body: replicaBody(rep, q.conflict) };
  });
  const perRow = Math.max(1, Math.min(cards.length, Math.floor(width / MIN_CARD)));
  const cardWidth = Math.min(MAX_CARD, Math.floor(width / perRow));
  const rows: Card[][] = [];
  for (let i = 0; i < cards.length; i += perRow) rows.push(cards.slice(i, i + perRow));
  const room = height - lines.length;
  const bodyWanted = Math.min(MAX_BODY, Math.max(1, ...cards.map((c) => c.body.length)));
  let body = -1;
  for (let b = bodyWanted; b >= 1; b--) {
    if (rows.length * (b + 3) <= room) {
      body = b;
      break;
    }
  }
  if (body >= 1 && width >= MIN_CARD) {
    for (const row of rows) lines.push(...cardLines(row, cardWidth, body, theme));
  } else {
    // One line per replica: id, status, role and its keys in a few words.
    const idWidth = Math.max(...cards.map((c) => textWidth(c.node.id)));
    for (const c of cards.slice(0, Math.max(0, room))) {
      const s = STATUS[c.node.status];
      lines.push({
        text: composeRuns([
          { text: padEnd(c.node.id, idWidth), paint: { bold: true } },
          ' ',
          { text: padEnd(`${s.glyph} ${s.label}`, 8), paint: { color: theme.color(s.tone) } },
          ` ${c.rep.home ? 'home' : 'fallback'}  `,
          { text: c.body.join('  ') || '(no data)', paint: { dimColor: true } },
        ]),
      });
    }
  }
  const left = height - lines.length;
  const msgs = q.inFlight;
  if (left > 0 && msgs.length > 0) {
    const shown = msgs.length > left ? msgs.slice(0, left - 1) : msgs;
    for (const m of shown) {
      lines.push({
        text: quorumMessageText(m, snapshot.t),
        paint: { color: theme.color('muted') },
      });
    }
    if (shown.length < msgs.length) {
      lines.push({
        text: `+${msgs.length - shown.length} more on their way`,
        paint: { dimColor: true },
      });
    }
  }
  return lines.slice(0, Math.max(0, height));
}

/** Rows the pane takes at this width and height (the player sizes its panes with it). */
export function quorumPaneHeight(snapshot: ClusterSnapshot, width: number, height: number): number {
  return quorumPaneLines(snapshot, width, height, PLAIN_THEME).length;
}

/** A theme that paints nothing, for counting lines. */
const PLAIN_THEME = createTheme(false);
