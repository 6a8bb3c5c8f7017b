// One frame of `serve` in a terminal, from plain data: a header with the time and how many
// requests came, the nodes' URLs, the cluster (the player's cards and links) and the event
// log with every HTTP request in it. No key handling here, so it renders the same off-screen.
import { Box, Text } from 'ink';
import { ClusterPane } from '../cluster/cluster-pane.js';
import { EventLog } from '../event-log/event-log.js';
import { isTooSmall, TooSmall } from '../screen/too-small.js';
import type { WindowSize } from '../screen/use-window-size.js';
import { truncate } from '../text/text.js';
import type { ServeView } from './serve-view.js';

export const SERVE_MIN_WINDOW: WindowSize = { columns: 60, rows: 16 };

export interface ServeScreenProps {
  view: ServeView;
  size: WindowSize;
}

/** `primary :13000 · replica-1 :13001` */
export function portsLine(endpoints: ServeView['endpoints']): string {
  return endpoints
    .map((e) => `${e.node} ${e.url.replace(/^http:\/\/127\.0\.0\.1/, '')}`)
    .join(' · ');
}

export function ServeScreen({ view, size }: ServeScreenProps) {
  if (isTooSmall(size, SERVE_MIN_WINDOW)) return <TooSmall size={size} min={SERVE_MIN_WINDOW} />;
  const width = size.columns;
  // Header 2, ports 1, headings 1, footer 1; the root stays one row short of the window.
  const free = size.rows - 1 - 5;
  const clusterHeight = Math.max(6, Math.ceil(free * 0.55));
  const logHeight = Math.max(1, free - clusterHeight);
  const requests = `${view.requests} request${view.requests === 1 ? '' : 's'}`;
  return (
    <Box flexDirection="column" width={width} height={size.rows - 1} overflow="hidden">
      <Text bold>
        {truncate(
          `replication-tutor serve · ${view.label} · t ${(view.t / 1000).toFixed(1)}s · ${requests}`,
          width,
        )}
      </Text>
      <Text dimColor>
        {truncate(
          'Every node answers HTTP on 127.0.0.1: POST /write, GET /data/<key>, GET /status, POST /admin/…',
          width,
        )}
      </Text>
      <Text>{truncate(`ports: ${portsLine(view.endpoints)}`, width)}</Text>
      <Box height={clusterHeight} overflow="hidden">
        <ClusterPane snapshot={view.snapshot} width={width} height={clusterHeight} />
      </Box>
      <Text bold>Requests and events</Text>
      <Box height={logHeight} overflow="hidden">
        <EventLog
          events={view.events}
          ops={view.ops}
          labels={view.labels}
          width={width}
          height={logHeight}
        />
      </Box>
      <Text dimColor>{truncate('q or Ctrl-C stops every node', width)}</Text>
    </Box>
  );
}
