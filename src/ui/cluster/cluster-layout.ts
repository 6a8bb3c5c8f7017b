// How the cluster pane spends its rows: full cards when they fit, fewer key lines when
// they nearly fit, else one table row per node. Pure, so the choice is testable.
import type { ClusterSnapshot, NodeSnapshot } from '../../sim/index.js';
import { describeLinks, type LinkView } from './links.js';
import { CARD_BASE_HEIGHT, cardKeys, MAX_KEY_LINES, MIN_CARD_WIDTH } from './node-card.js';
import { quorumPaneHeight } from './quorum-lines.js';

/** Cards wider than this only add blank space. */
const MAX_CARD_WIDTH = 36;
/** Link lines to keep, at least, before giving up on cards. */
const MIN_LINK_LINES = 2;

export interface ClusterLayout {
  /** quorum: a leaderless or multi-leader cluster's pane (quorum-lines.ts), `quorumHeight` rows. */
  variant: 'cards' | 'rows' | 'quorum';
  quorumHeight?: number;
  /** Leaders first, then followers in snapshot order. */
  order: NodeSnapshot[];
  /** cards: the nodes of each row of cards. rows: one entry holding the visible nodes. */
  cardRows: NodeSnapshot[][];
  cardWidth: number;
  keyLines: number;
  /** Nodes left out of the table for lack of rows. */
  hiddenNodes: number;
  links: LinkView[];
  /** Link lines that fit (the last one says how many more when they do not). */
  linkLines: number;
}

export function orderNodes(snapshot: ClusterSnapshot): NodeSnapshot[] {
  const rank = (n: NodeSnapshot) => (n.id === snapshot.leader ? 0 : n.role === 'leader' ? 1 : 2);
  // Array.prototype.sort is stable, so followers keep the simulator's order.
  return [...snapshot.nodes].sort((a, b) => rank(a) - rank(b));
}

/** Exact height of a row of cards: a card lists its keys, or one "(no data)" line. */
export function cardRowHeight(row: readonly NodeSnapshot[], keyLines: number): number {
  if (keyLines === 0) return CARD_BASE_HEIGHT;
  const keys = Math.max(0, ...row.map((n) => cardKeys(n).length));
  return CARD_BASE_HEIGHT + Math.max(1, Math.min(keyLines, keys));
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function planClusterLayout(
  snapshot: ClusterSnapshot,
  width: number,
  height = Number.POSITIVE_INFINITY,
): ClusterLayout {
  if (snapshot.leaderless || snapshot.multiLeader) {
    return {
      variant: 'quorum',
      quorumHeight: quorumPaneHeight(snapshot, width, Number.isFinite(height) ? height : 1000),
      order: snapshot.nodes,
      cardRows: [],
      cardWidth: width,
      keyLines: 0,
      hiddenNodes: 0,
      links: [],
      linkLines: 0,
    };
  }
  const order = orderNodes(snapshot);
  const links = describeLinks(snapshot);
  const fixed = 1 + (snapshot.partition.length > 0 ? 1 : 0);
  const wantLinks = Math.min(links.length, MIN_LINK_LINES);
  const n = Math.max(1, order.length);
  const perRow = Math.max(1, Math.min(n, Math.floor(width / MIN_CARD_WIDTH)));
  const cardWidth = Math.min(MAX_CARD_WIDTH, Math.floor(width / perRow));
  const cardRows = chunk(order, perRow);

  if (width >= MIN_CARD_WIDTH) {
    for (let keyLines = MAX_KEY_LINES; keyLines >= 0; keyLines--) {
      const cardsHeight = cardRows.reduce((sum, row) => sum + cardRowHeight(row, keyLines), 0);
      const used = fixed + cardsHeight;
      if (used + wantLinks <= height) {
        return {
          variant: 'cards',
          order,
          cardRows,
          cardWidth,
          keyLines,
          hiddenNodes: 0,
          links,
          linkLines: Math.min(links.length, height - used),
        };
      }
    }
  }

  // Table: a header line, then one line per node; keep room for the links if possible.
  const room = Math.max(0, height - fixed - 1 - wantLinks);
  const shown = order.length <= room ? order.length : Math.max(0, room - 1);
  const used = fixed + 1 + shown + (shown < order.length ? 1 : 0);
  return {
    variant: 'rows',
    order,
    cardRows: [order.slice(0, shown)],
    cardWidth: width,
    keyLines: 0,
    hiddenNodes: order.length - shown,
    links,
    linkLines: Math.max(0, Math.min(links.length, height - used)),
  };
}

/** Rows the pane takes with `layout` (header, partition line, nodes, link lines). */
export function clusterPaneHeight(layout: ClusterLayout, snapshot: ClusterSnapshot): number {
  if (layout.variant === 'quorum') return layout.quorumHeight ?? 0;
  const fixed = 1 + (snapshot.partition.length > 0 ? 1 : 0);
  const nodes =
    layout.variant === 'cards'
      ? layout.cardRows.reduce((sum, row) => sum + cardRowHeight(row, layout.keyLines), 0)
      : 1 + (layout.cardRows[0]?.length ?? 0) + (layout.hiddenNodes > 0 ? 1 : 0);
  return fixed + nodes + layout.linkLines;
}
