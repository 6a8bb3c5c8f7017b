// The cluster pane of a cluster that keeps versions, as lines: a header with its settings,
// the partition, a card per replica, then what is on its way. Leaderless: each card says home
// or fallback and lists each key's versions — value and LWW clock stamp or version vector —
// and the hints it holds for others; the quorum messages follow. Multi-leader: the same
// cards for leaders and followers (multi-leader-cards.ts), then each link's queue. Cards when
// they fit the rows given, else one line per replica. Pure: it shows what the snapshot says
// and computes nothing about replication.
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
import { multiLeaderPane } from './multi-leader-cards.js';

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

/** One replica's card: its node, a word on its part (home, fallback, leader...), its lines. */
export interface VersionCard {
  node: NodeSnapshot;
  tag: string;
  body: string[];
}

/** What the pane shows, whichever topology keeps the versions. */
export interface VersionPane {
  title: string;
  settings: string;
  cards: VersionCard[];
  /** Lines about what is on its way, the earliest first. */
  messages: string[];
  /** The last line when not every message fits. */
  more(hidden: number): string;
}

type Card = VersionCard;

/** Lines shown dim: hints held for others, versions kept but not shown. */
function dimLine(text: string): boolean {
  return text.startsWith('hint') || text.startsWith('✗');
}

function leaderlessPane(snapshot: ClusterSnapshot): VersionPane {
  const q = snapshot.leaderless!;
  return {
    title: 'leaderless',
    settings: settings(q),
    cards: snapshot.nodes.map((node, i) => {
      const rep = q.replicas[i]!;
      return { node, tag: rep.home ? 'home' : 'fallback', body: replicaBody(rep, q.conflict) };
    }),
    messages: q.inFlight.map((m) => quorumMessageText(m, snapshot.t)),
    more: (n) => `+${n} more on their way`,
  };
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
      return { text: `${s.glyph} ${s.label} · ${c.tag}`, tone: s.tone };
    }),
  );
  for (let i = 0; i < body; i++) {
    out.push(
      line((c) => {
        const lines = c.body.length === 0 ? ['(no data)'] : c.body;
        const cut = lines.length > body && i === body - 1;
        const text = cut ? `… ${lines.length - body + 1} more` : (lines[i] ?? '');
        return { text, dim: text === '(no data)' || cut || dimLine(text) };
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
  const pane = snapshot.multiLeader ? multiLeaderPane(snapshot) : leaderlessPane(snapshot);
  const lines: PaintedLine[] = [
    {
      text: composeRuns([
        { text: formatNow(snapshot.t, clock), paint: { bold: true } },
        `  ${pane.title}  `,
        pane.settings,
      ]),
    },
  ];
  const partition = formatPartition(snapshot.partition);
  if (partition) lines.push({ text: partition, paint: { color: theme.color('danger') } });
  const cards = pane.cards;
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
          ` ${c.tag}  `,
          { text: c.body.join('  ') || '(no data)', paint: { dimColor: true } },
        ]),
      });
    }
  }
  const left = height - lines.length;
  const msgs = pane.messages;
  if (left > 0 && msgs.length > 0) {
    const shown = msgs.length > left ? msgs.slice(0, left - 1) : msgs;
    for (const m of shown) lines.push({ text: m, paint: { color: theme.color('muted') } });
    if (shown.length < msgs.length) {
      lines.push({ text: pane.more(msgs.length - shown.length), paint: { dimColor: true } });
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
