// `replication-tutor serve [preset|lesson]`: a simulated cluster in real time, every node an
// HTTP server on 127.0.0.1 (the primary on 13000, replicas on 13001…), for curl. In a
// terminal the live screen shows the cluster and every request; otherwise (or with --plain)
// the first line is JSON naming each node's URL and then one line per request. Ctrl-C
// (exit 130), q or SIGTERM (exit 0) close every port.

import type { LabOrigin } from '../lab/lab-origin.js';
import { resolveOrigin } from '../lab/resolve-origin.js';
import { ListenError } from '../lab/serve/node-servers.js';
import { requestLine } from '../lab/serve/request-log.js';
import {
  parseDelays,
  parseReplicas,
  ServeClusterError,
  serveOrigin,
} from '../lab/serve/serve-cluster.js';
import type { ServeRuntime } from '../lab/serve/serve-runtime.js';
import { formatProblem } from '../lesson/format/load.js';
import { nearest } from '../lesson/format/suggest.js';
import { ACK_MODES } from '../lesson/format/vocab.js';
import type { AckMode } from '../sim/index.js';
import { UsageError } from './usage-error.js';

export interface ServeFlags {
  port?: string;
  replicas?: string;
  delay?: string;
  mode?: string;
  plain?: boolean;
  quiet?: boolean;
}

export const DEFAULT_PORT = 13000;

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new UsageError(
      `--port: expected a port from 1024 to 65535 (or 0 for free ports), found "${raw}"`,
    );
  }
  const port = Number(raw);
  if (port !== 0 && port < 1024)
    throw new UsageError(`--port: ${port} needs privileges; use a port from 1024 to 65535`);
  return port;
}

function parseMode(raw: string | undefined): AckMode | undefined {
  if (raw === undefined) return undefined;
  if ((ACK_MODES as readonly string[]).includes(raw)) return raw as AckMode;
  const near = nearest(raw, ACK_MODES);
  throw new UsageError(
    `--mode: expected one of ${ACK_MODES.join(', ')}, found "${raw}"${near ? ` (did you mean "${near}"?)` : ''}`,
  );
}

async function originFor(
  arg: string | undefined,
  flags: ServeFlags,
): Promise<{ origin: LabOrigin; label: string }> {
  try {
    const opts = {
      replicas: flags.replicas === undefined ? undefined : parseReplicas(flags.replicas),
      delays: flags.delay === undefined ? undefined : parseDelays(flags.delay),
      mode: parseMode(flags.mode),
    };
    const r = await resolveOrigin(arg);
    if (!r.ok) {
      for (const p of r.problems) process.stderr.write(`${formatProblem(p)}\n`);
      throw new UsageError(r.message);
    }
    const origin = serveOrigin(r.origin, opts, arg !== undefined);
    const n = opts.replicas;
    const label = n === undefined ? r.label : `primary + ${n} replica${n === 1 ? '' : 's'}`;
    return { origin, label };
  } catch (err) {
    if (err instanceof ServeClusterError) throw new UsageError(err.message);
    throw err;
  }
}

export async function runServeCommand(arg: string | undefined, flags: ServeFlags): Promise<number> {
  const port = parsePort(flags.port);
  const { origin, label } = await originFor(arg, flags);
  const interactive =
    !flags.plain && !flags.quiet && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
  const out = lineWriter();
  const [{ ServeRuntime }, { SimulationError }] = await Promise.all([
    import('../lab/serve/serve-runtime.js'),
    import('../sim/index.js'),
  ]);
  let runtime: ServeRuntime;
  try {
    runtime = await ServeRuntime.start({
      origin,
      port,
      onRequest: interactive || flags.quiet ? undefined : (r) => out.line(requestLine(r)),
      onEndpoint: (e) => {
        if (!interactive) out.line(`${e.node} now serves ${e.url}`);
      },
      onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
    });
  } catch (err) {
    if (err instanceof ListenError || err instanceof SimulationError)
      throw new UsageError(err.message);
    throw err;
  }
  if (interactive) {
    const { runInteractiveServe, EXIT_STATUS } = await import('../ui/interactive.js');
    const status = await runInteractiveServe(runtime, label);
    await runtime.stop();
    // Only Ctrl-C is an interruption; q, SIGTERM and SIGHUP stop a server normally.
    return status === EXIT_STATUS.interrupt ? 130 : 0;
  }
  const snap = runtime.live.snapshot();
  const serving = runtime.endpoints.map((e) => ({
    node: e.node,
    role: snap.nodes.find((n) => n.id === e.node)?.role,
    url: e.url,
  }));
  out.line(JSON.stringify({ serving, cluster: label }));
  if (!flags.quiet) {
    for (const s of serving) out.line(`${s.node.padEnd(12)} ${(s.role ?? '').padEnd(8)} ${s.url}`);
    out.line('Ctrl-C stops every node.');
  }
  const reason = await untilSignal();
  await runtime.stop();
  out.flush();
  if (!flags.quiet) process.stdout.write('stopped: every port is closed\n');
  return reason === 'SIGINT' ? 130 : 0;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const on = (s: NodeJS.Signals) => () => {
      for (const [sig, h] of handlers) process.off(sig, h);
      resolve(s);
    };
    const handlers = signals.map((s) => [s, on(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
  });
}

/**
 * Lines to stdout, gathered and written once per turn of the event loop: under load one
 * write per request would cost more than the request (stdout to a pipe is synchronous).
 */
function lineWriter() {
  let buf: string[] = [];
  let queued = false;
  const flush = () => {
    queued = false;
    if (buf.length === 0) return;
    const text = `${buf.join('\n')}\n`;
    buf = [];
    process.stdout.write(text);
  };
  return {
    line(s: string) {
      buf.push(s);
      if (!queued) {
        queued = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
