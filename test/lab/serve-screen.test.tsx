import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { originFromPreset } from '../../src/lab/lab-origin.js';
import { LiveCluster } from '../../src/lab/live-cluster.js';
import type { RequestRecord } from '../../src/lab/serve/request-log.js';
import { ServeRuntime } from '../../src/lab/serve/serve-runtime.js';
import type { ExitReason } from '../../src/ui/app/app.js';
import { ServeApp } from '../../src/ui/lab/serve-app.js';
import { ServeScreen } from '../../src/ui/lab/serve-screen.js';
import { buildServeView, mergeRequests } from '../../src/ui/lab/serve-view.js';
import { flat, frameSize } from '../ui/frame.js';
import { tick } from '../ui/keys.js';

const request = (t: number, path: string, status: number, summary: string): RequestRecord => ({
  t,
  node: 'replica-2',
  method: 'GET',
  path,
  status,
  wallMs: 2,
  summary,
});

describe('the serve screen', () => {
  const runtimes: ServeRuntime[] = [];
  afterEach(async () => {
    for (const r of runtimes.splice(0)) await r.stop();
  });

  it('merges requests into the event log by the time they were answered', () => {
    const events = [
      { t: 1, type: 'note' as const, text: 'a' },
      { t: 5, type: 'note' as const, text: 'b' },
    ];
    const merged = mergeRequests(events, [
      request(1, '/x', 200, 'one'),
      request(7, '/y', 404, 'two'),
    ]);
    expect(merged.map((e) => (e.type === 'note' ? e.text : ''))).toEqual([
      'a',
      'HTTP GET /x on replica-2 → 200: one',
      'b',
      'HTTP GET /y on replica-2 → 404: two',
    ]);
  });

  it('shows the cluster, the ports and every request', () => {
    const live = new LiveCluster(originFromPreset());
    live.run('write tweet hello');
    live.advanceTo(3);
    const view = buildServeView({
      label: 'three-node-async',
      snapshot: live.snapshot(),
      history: live.sim.history,
      ops: live.sim.ops,
      requests: [request(3, '/data/tweet', 404, 'tweet missing (applied LSN 0, stale)')],
      requestCount: 1,
      endpoints: [
        { node: 'primary', url: 'http://127.0.0.1:13000' },
        { node: 'replica-1', url: 'http://127.0.0.1:13001' },
        { node: 'replica-2', url: 'http://127.0.0.1:13002' },
      ],
      labels: new Map(),
    });
    const size = { columns: 100, rows: 30 };
    const app = render(<ServeScreen view={view} size={size} />);
    const frame = app.lastFrame();
    expect(frame).toContain('replication-tutor serve · three-node-async · t 0.0s · 1 request');
    expect(frame).toContain('ports: primary :13000 · replica-1 :13001 · replica-2 :13002');
    expect(flat(frame)).toContain(
      'HTTP GET /data/tweet on replica-2 → 404: tweet missing (applied LSN 0, stale)',
    );
    expect(flat(frame)).toContain('you wrote tweet = "hello" on primary');
    expect(frame).toContain('replica-2');
    expect(frameSize(frame).width).toBeLessThanOrEqual(100);
    expect(frameSize(frame).height).toBeLessThanOrEqual(29);
    app.unmount();
  });

  it('says when the window is too small', () => {
    const live = new LiveCluster(originFromPreset());
    const view = buildServeView({
      label: 'x',
      snapshot: live.snapshot(),
      history: live.sim.history,
      ops: live.sim.ops,
      requests: [],
      requestCount: 0,
      endpoints: [],
      labels: new Map(),
    });
    const app = render(<ServeScreen view={view} size={{ columns: 50, rows: 10 }} />);
    expect(app.lastFrame()).toContain('Enlarge the window to at least 60×16');
    app.unmount();
  });

  it('runs live from a serving cluster, and q stops it', async () => {
    const rt = await ServeRuntime.start({ origin: originFromPreset(), port: 0 });
    runtimes.push(rt);
    const exits: ExitReason[] = [];
    const app = render(
      <ServeApp runtime={rt} label="three-node-async" onExit={(r) => exits.push(r)} />,
    );
    const url = rt.endpoints[0]!.url;
    const w = await fetch(`${url}/write`, { method: 'POST', body: '{"key":"tweet","value":"hi"}' });
    expect(w.status).toBe(200);
    await tick(300);
    expect(flat(app.lastFrame())).toContain(
      'HTTP POST /write on primary → 200: wrote tweet at LSN 1',
    );
    expect(app.lastFrame()).toContain('1 request');
    app.stdin.write('q');
    await tick(50);
    expect(exits).toEqual(['quit']);
    app.unmount();
  });
});
