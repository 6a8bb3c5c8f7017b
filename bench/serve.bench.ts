// `serve`: small requests per second through one node while the simulator keeps real time
// (every read waits for its simulated network round trip, 2 ms), against a bare node:http
// server answering the same requests with the same JSON, measured in the same run by the
// same load generator (64 keep-alive connections from this process; each server is a child
// process of its own). Goal: at least 5,000 requests/s.
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import type { BenchContext, BenchResult } from './measure.js';

const CONNECTIONS = 64;
const WARMUP_MS = 700;
const MEASURE_MS = 3000;
const ROUNDS = 3;
const GOAL = 5000;

/** A bare server answering GET /data/<key> and POST /write like `serve` does, with no cluster. */
const BARE_SERVER = `
const http = require('node:http');
const s = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let status = 200, body;
    if (req.method === 'POST' && req.url === '/write') {
      const { key, value } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      body = { ok: true, node: 'primary', key, value, lsn: 1, epoch: 1, t: 1 };
    } else {
      status = 404;
      body = { key: req.url.slice(6), value: null, found: false, node: 'primary', appliedLsn: 0, stale: false, t: 1 };
    }
    const text = JSON.stringify(body) + '\\n';
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  });
});
s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ serving: [{ url: 'http://127.0.0.1:' + s.address().port }] })));
`;

interface Server {
  proc: ChildProcess;
  url: string;
}

function startServer(args: string[]): Promise<Server> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0 && !out.startsWith('done')) {
        const first = JSON.parse(out.slice(0, nl)) as { serving: { url: string }[] };
        out = 'done';
        resolve({ proc, url: first.serving[0]!.url });
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

async function stopServer(s: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    s.proc.removeAllListeners('exit');
    s.proc.on('exit', () => resolve());
    s.proc.kill('SIGTERM');
  });
}

/** Requests per second with CONNECTIONS requests always in flight. */
function load(url: string, kind: 'read' | 'write'): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const { hostname, port } = new URL(url);
  let counting = false;
  let done = 0;
  let failed = 0;
  let stop = false;
  let n = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const key = `k${n++ % 100}`;
      const body = kind === 'write' ? JSON.stringify({ key, value: n }) : undefined;
      const req = request(
        {
          agent,
          hostname,
          port,
          method: kind === 'write' ? 'POST' : 'GET',
          path: kind === 'write' ? '/write' : `/data/${key}`,
          headers: body ? { 'Content-Length': Buffer.byteLength(body) } : {},
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (counting) {
              if (res.statusCode === 200 || res.statusCode === 404) done++;
              else failed++;
            }
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (!stop) await one();
  };
  const workers = Array.from({ length: CONNECTIONS }, worker);
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      counting = true;
      const t0 = performance.now();
      setTimeout(async () => {
        counting = false;
        const ms = performance.now() - t0;
        stop = true;
        await Promise.all(workers);
        agent.destroy();
        if (failed > 0) reject(new Error(`${failed} requests failed`));
        else resolve((done * 1000) / ms);
      }, MEASURE_MS);
    }, WARMUP_MS);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const bare: number[] = [];
  const reads: number[] = [];
  const writes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const b = await startServer(['-e', BARE_SERVER]);
    bare.push(await load(b.url, 'read'));
    await stopServer(b);
    // The default three-node cluster: reads on the primary, writes replicated to two replicas.
    const s = await startServer([ctx.cli, 'serve', '--port', '0', '--quiet']);
    reads.push(await load(s.url, 'read'));
    writes.push(await load(s.url, 'write'));
    await stopServer(s);
    ctx.log(
      `round ${round + 1}: bare ${Math.round(bare[round]!)}/s, serve reads ${Math.round(reads[round]!)}/s, writes ${Math.round(writes[round]!)}/s`,
    );
  }
  const [b, r, w] = [median(bare), median(reads), median(writes)];
  return {
    figures: [
      { name: 'bare node:http server (baseline)', value: b, unit: 'requests/s' },
      { name: 'serve GET /data/<key> on one node', value: r, unit: 'requests/s' },
      { name: 'serve POST /write on the primary', value: w, unit: 'requests/s' },
    ],
    ratios: [
      { name: 'serve reads / bare server', value: r / b, target: 0.3, cmp: '>=' },
      { name: 'serve reads / 5,000 per second', value: r / GOAL, target: 1, cmp: '>=' },
      { name: 'serve writes / 5,000 per second', value: w / GOAL, target: 1, cmp: '>=' },
    ],
  };
}
