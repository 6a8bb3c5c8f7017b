// `serve` while it runs: the live cluster on the wall clock, one HTTP server per node, the
// API between them and the log of requests. A node added by a command (add-follower) gets
// a port of its own. `stop` answers what is still waiting and closes every port.
import type { LabOrigin } from '../lab-origin.js';
import { LiveCluster } from '../live-cluster.js';
import { type ApiReply, ServeApi } from './http-api.js';
import {
  closeAll,
  listenAll,
  listenNode,
  type NodeEndpoint,
  type RawReply,
  type RawRequest,
} from './node-servers.js';
import { RealTimeClock, SYSTEM_TIMERS, type Timers } from './real-time.js';
import { RequestLog, type RequestRecord } from './request-log.js';

export interface ServeOptions {
  origin: LabOrigin;
  /** Port of the first node; the others follow it. 0: a free port for each. */
  port: number;
  timers?: Timers;
  /** Each answered request, as it is answered. */
  onRequest?: (r: RequestRecord) => void;
  /** A node that got a port after the start (a follower added by a command). */
  onEndpoint?: (e: NodeEndpoint) => void;
  /** A port that could not be opened for such a node. */
  onWarning?: (message: string) => void;
}

export class ServeRuntime {
  readonly live: LiveCluster;
  readonly clock: RealTimeClock;
  readonly api: ServeApi;
  readonly requests = new RequestLog();
  endpoints: NodeEndpoint[] = [];
  private readonly timers: Timers;
  private opening = false;
  /** Nodes whose port could not be opened (not tried again). */
  private readonly unserved = new Set<string>();
  private stopped = false;

  private constructor(private readonly options: ServeOptions) {
    this.timers = options.timers ?? SYSTEM_TIMERS;
    // Hours of requests must not pile up: only commands still running are kept.
    this.live = new LiveCluster(options.origin, { keepLog: false });
    this.clock = new RealTimeClock(this.live, this.timers);
    this.api = new ServeApi(this.live, {
      sync: () => this.clock.sync(),
      poke: () => {
        this.clock.poke();
        this.openNewNodes();
      },
      urlOf: (node) => this.endpoints.find((e) => e.node === node)?.url,
    });
  }

  /** Starts the cluster and opens every node's port (or none, with a ListenError). */
  static async start(options: ServeOptions): Promise<ServeRuntime> {
    const rt = new ServeRuntime(options);
    const nodes = rt.live.sim.nodes.map((n) => n.id);
    rt.endpoints = await listenAll(nodes, options.port, (node, req) => rt.handle(node, req));
    rt.clock.sync();
    return rt;
  }

  /** Brings the cluster up to the wall clock (views call it before reading). */
  sync(): void {
    if (!this.stopped) this.clock.sync();
  }

  private handle(node: string, req: RawRequest): RawReply | Promise<RawReply> {
    const start = this.timers.now();
    const r = this.api.handle({
      node,
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: req.body,
    });
    const done = (reply: ApiReply): RawReply => {
      const rec: RequestRecord = {
        t: this.live.now,
        node,
        method: req.method,
        path: req.url.split('?')[0] ?? req.url,
        status: reply.status,
        wallMs: this.timers.now() - start,
        summary: reply.summary,
      };
      this.requests.add(rec);
      this.options.onRequest?.(rec);
      return {
        status: reply.status,
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers },
        body: `${JSON.stringify(reply.body)}\n`,
      };
    };
    return r instanceof Promise ? r.then(done) : done(r);
  }

  /** Gives a port to every node that has none (added since the start). */
  private openNewNodes(): void {
    const nodes = this.live.sim.nodes;
    if (this.opening || this.stopped || nodes.length <= this.endpoints.length + this.unserved.size)
      return;
    this.opening = true;
    void (async () => {
      try {
        for (const n of this.live.sim.nodes) {
          if (
            this.stopped ||
            this.unserved.has(n.id) ||
            this.endpoints.some((e) => e.node === n.id)
          )
            continue;
          const base = this.options.port;
          const index = this.live.sim.nodes.indexOf(n);
          try {
            const e = await listenNode(n.id, base === 0 ? 0 : base + index, (node, req) =>
              this.handle(node, req),
            );
            if (this.stopped) {
              await closeAll([e]);
              return;
            }
            this.endpoints.push(e);
            this.options.onEndpoint?.(e);
          } catch (err) {
            this.unserved.add(n.id);
            this.options.onWarning?.((err as Error).message);
          }
        }
      } finally {
        this.opening = false;
      }
    })();
  }

  /** Answers every waiting request, stops the clock and closes every port. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.api.abortPending();
    this.clock.stop();
    await closeAll(this.endpoints);
  }
}
