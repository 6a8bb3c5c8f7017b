// One node of the cluster as a bordered card (node-row.ts has the table row used in narrow or
// short terminals), and the wording both share. Everything shown comes from the NodeSnapshot.
import { Box, Text } from 'ink';
import type { BusyProgress, NodeSnapshot, Value } from '../../sim/index.js';
import { formatBytes, formatDuration, formatValue, plural } from '../text/format.js';
import { padEnd, textWidth, truncate } from '../text/text.js';
import { ROLE, STATUS } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import { nodeLabel } from './shard-label.js';

/** Narrowest card that still holds every line without cutting. */
export const MIN_CARD_WIDTH = 26;
/** Card rows besides the key lines: border (2) + id, status, LSN, lag, role. */
export const CARD_BASE_HEIGHT = 7;
export const MAX_KEY_LINES = 3;

/** The first alternative that fits, else the last one cut to fit. */
function firstThatFits(alternatives: readonly string[], width: number): string {
  for (const a of alternatives) if (textWidth(a) <= width) return a;
  return truncate(alternatives[alternatives.length - 1] ?? '', width);
}

export function lsnText(node: NodeSnapshot, width: number): string {
  const a = node.appliedLsn;
  const r = node.receivedLsn;
  return firstThatFits(
    [`LSN applied ${a} · recv ${r}`, `applied ${a} · recv ${r}`, `LSN ${a}/${r} (a/r)`],
    width,
  );
}

/** A bar of `cells` cells filled in proportion to `fraction` (0..1). */
export function progressBar(fraction: number, cells: number): string {
  const full = Math.max(0, Math.min(cells, Math.floor(fraction * cells)));
  return `${'▓'.repeat(full)}${'░'.repeat(cells - full)}`;
}

function percent(p: BusyProgress): number {
  return p.totalBytes > 0 ? Math.floor((100 * p.doneBytes) / p.totalBytes) : 100;
}

/** A restore or copy under way, in place of the lag line: how far, and how long to go. */
export function progressText(p: BusyProgress, width: number): string {
  const pct = `${percent(p)}%`;
  const left = `${formatDuration(p.remainingMs)} left`;
  const fraction = p.totalBytes > 0 ? p.doneBytes / p.totalBytes : 1;
  return firstThatFits(
    [
      `${progressBar(fraction, 10)} ${pct} · ${left}`,
      `${progressBar(fraction, 6)} ${pct} · ${left}`,
      `${pct} · ${left}`,
      pct,
    ],
    width,
  );
}

/** The bytes of a restore or copy under way, in place of the LSN line. */
export function progressBytesText(p: BusyProgress, width: number): string {
  const done = formatBytes(p.doneBytes);
  const total = formatBytes(p.totalBytes);
  const what =
    p.phase === 'replay' ? 'archive replay' : p.kind === 'restore' ? 'restored' : 'copied';
  return firstThatFits(
    [`${what} ${done} of ${total}`, `${done} of ${total}`, `${done}/${total}`],
    width,
  );
}

/** Statuses in which a follower receives the leader's log. */
const STREAMING = new Set<NodeSnapshot['status']>(['streaming', 'catching-up']);

/**
 * Entries, time and bytes behind, as the snapshot measures them: against the leader's log, or
 * while no leader is up, against the newest log any node holds (a wiped leader's empty log
 * would make a delayed replica look caught up).
 */
export function lagFigures(node: NodeSnapshot): { entries: number; ms: number; bytes: number } {
  const n = node.lagToNewest;
  return n
    ? { entries: n.appliedEntries, ms: n.appliedMs, bytes: n.appliedBytes }
    : { entries: node.lagEntries, ms: node.lagMs, bytes: node.lagBytes };
}

/** A node that holds the leader role but is down: it serves nothing, so it is not "the leader". */
export function isDownLeader(node: NodeSnapshot): boolean {
  return node.role === 'leader' && node.status === 'down';
}

/** Leader glyph, colour and border only for a leader that is not down. */
export function shownRole(node: NodeSnapshot): 'leader' | 'follower' {
  return isDownLeader(node) ? 'follower' : node.role;
}

export function lagText(node: NodeSnapshot, width: number): string {
  const lag = lagFigures(node);
  if (lag.entries === 0 && lag.ms === 0 && lag.bytes === 0) {
    // The log comes from the leader: it cannot be behind it, nor "caught up".
    if (node.role === 'leader' && !isDownLeader(node))
      return firstThatFits(['lag 0 (the leader)', 'lag 0'], width);
    // Nothing missing yet is not caught up when nothing can arrive (a broken stream, a
    // follower of a wiped leader, a node that is down).
    if (!STREAMING.has(node.status)) {
      return firstThatFits(
        ['lag 0 entries · not streaming', 'lag 0 · not streaming', 'lag 0'],
        width,
      );
    }
    return firstThatFits(['lag 0 (caught up)', 'lag 0'], width);
  }
  const time = formatDuration(lag.ms);
  const size = formatBytes(lag.bytes);
  return firstThatFits(
    [
      `lag ${plural(lag.entries, 'entry', 'entries')} · ${time} · ${size}`,
      `lag ${lag.entries} ent · ${time} · ${size}`,
      `lag ${lag.entries} · ${time} · ${size}`,
      `lag ${lag.entries} · ${time}`,
    ],
    width,
  );
}

export function roleText(node: NodeSnapshot): string {
  // A leader that went down keeps its role in the simulator until it restarts; read as
  // "leader" it would make two leaders after a failover.
  if (isDownLeader(node)) return `${ROLE.follower.glyph} was leader`;
  const role = ROLE[node.role];
  if (node.role === 'leader') return `${role.glyph} ${role.label}`;
  return node.upstream === undefined
    ? `${role.glyph} ${role.label}`
    : `${role.glyph} via ${node.upstream}`;
}

export function statusText(node: NodeSnapshot): string {
  const s = STATUS[node.status];
  return `${s.glyph} ${s.label}`;
}

/** A key a card lists; `lsn` is the entry that wrote it, when the node applied it itself. */
export interface CardKey {
  key: string;
  value: Value;
  lsn?: number;
}

/**
 * The keys a card lists: the newest the node applied. A restore or a copy replaces the data
 * without applying entries one by one, so the simulator has no recent keys for that node
 * then: the card lists the keys it holds instead, so data restored to LSN 2978 is not shown
 * as "no data".
 */
export function cardKeys(node: NodeSnapshot): CardKey[] {
  if (node.recentKeys.length > 0) return node.recentKeys;
  return Object.keys(node.data)
    .sort()
    .map((key) => ({ key, value: node.data[key] ?? null }));
}

/** The lines listing `keys` in `lines` rows: the last says how many there are when cut. */
export function keyLinesText(keys: readonly CardKey[], lines: number, fromData: boolean): string[] {
  if (lines <= 0) return [];
  if (keys.length === 0) return ['(no data)'];
  const text = keys.map(keyText);
  // Keys read from the data (after a restore): say how many the node holds in all.
  if (fromData && keys.length > lines)
    return [...text.slice(0, lines - 1), `… ${keys.length} keys in all`];
  return text.slice(0, lines);
}

export function keyText(k: CardKey): string {
  return k.lsn === undefined
    ? `${k.key} = ${formatValue(k.value)}`
    : `${k.key} = ${formatValue(k.value)}  @${k.lsn}`;
}

export interface NodeCardProps {
  node: NodeSnapshot;
  /** Outer width, border included. */
  width: number;
  /** Recent keys to list (0 to 3). */
  keyLines?: number;
  /** The node a question's highlighted choice points at: marked ›, with a heavy border. */
  highlighted?: boolean;
}

export function NodeCard({
  node,
  width,
  keyLines = MAX_KEY_LINES,
  highlighted = false,
}: NodeCardProps) {
  const theme = useTheme();
  const inner = Math.max(1, width - 4);
  const status = STATUS[node.status];
  const role = ROLE[shownRole(node)];
  const epoch = `epoch ${node.epoch}`;
  const idWidth = Math.max(1, inner - epoch.length - 1);
  const keys = keyLinesText(
    cardKeys(node),
    Math.min(keyLines, MAX_KEY_LINES),
    node.recentKeys.length === 0,
  );
  return (
    <Box
      flexDirection="column"
      width={width}
      borderStyle={highlighted ? 'bold' : shownRole(node) === 'leader' ? 'double' : 'round'}
      borderColor={theme.color(status.tone)}
      paddingX={1}
    >
      <Text wrap="truncate-end">
        <Text bold inverse={highlighted} color={theme.color(role.tone)}>
          {padEnd(highlighted ? `› ${nodeLabel(node)}` : nodeLabel(node), idWidth)}
        </Text>{' '}
        <Text dimColor>{epoch}</Text>
      </Text>
      <Text color={theme.color(status.tone)} wrap="truncate-end">
        {statusText(node)}
      </Text>
      <Text wrap="truncate-end">
        {node.progress ? progressBytesText(node.progress, inner) : lsnText(node, inner)}
      </Text>
      <Text wrap="truncate-end" color={node.progress ? theme.color(status.tone) : undefined}>
        {node.progress ? progressText(node.progress, inner) : lagText(node, inner)}
      </Text>
      <Text color={theme.color(role.tone)} wrap="truncate-end">
        {truncate(roleText(node), inner)}
      </Text>
      {keys.map((k) => (
        <Text key={k} dimColor={k === '(no data)'} wrap="truncate-end">
          {truncate(k, inner)}
        </Text>
      ))}
    </Box>
  );
}
