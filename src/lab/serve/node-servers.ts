// One HTTP server per node, on 127.0.0.1 only (a workshop cluster must not be reachable
// from the network): the first node on the base port, the next on base + 1, and so on, or
// each on a free port the system picks when the base is 0. Only node:http.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES } from './http-api.js';

export const HOST = '127.0.0.1';

export interface NodeEndpoint {
  node: string;
  port: number;
  url: string;
  server: Server;
}

/** A request with its whole body, for the API. */
export interface RawRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Handler = (node: string, req: RawRequest) => RawReply | Promise<RawReply>;

/** Why a port could not be opened, in one line. */
export class ListenError extends Error {
  override name = 'ListenError';
}

function describeListenError(err: NodeJS.ErrnoException, port: number, node: string): string {
  if (err.code === 'EADDRINUSE') {
    return `port ${port} (${node}) is already in use; choose another base port with --port, or --port 0 for free ones`;
  }
  if (err.code === 'EACCES')
    return `port ${port} (${node}) needs privileges; use a port above 1023`;
  return `cannot listen on ${HOST}:${port} (${node}): ${err.message}`;
}

/** Opens the server of one node. */
export function listenNode(node: string, port: number, handler: Handler): Promise<NodeEndpoint> {
  const server = createServer((req, res) => serve(node, req, res, handler));
  // Keep-alive connections must not hold a shutdown up for long.
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(new ListenError(describeListenError(err, port, node)));
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      reject(
        new ListenError(
          `port ${port} (${node}) is past the last port, 65535; choose a lower base with --port`,
        ),
      );
      return;
    }
    server.once('error', onError);
    server.listen({ host: HOST, port, exclusive: true }, () => {
      server.off('error', onError);
      const actual = (server.address() as AddressInfo).port;
      resolve({ node, port: actual, url: `http://${HOST}:${actual}`, server });
    });
  });
}

/** Opens every node's server, or none: on a failure the ones opened are closed again. */
export async function listenAll(
  nodes: readonly string[],
  basePort: number,
  handler: Handler,
): Promise<NodeEndpoint[]> {
  const out: NodeEndpoint[] = [];
  try {
    for (const [i, node] of nodes.entries())
      out.push(await listenNode(node, basePort === 0 ? 0 : basePort + i, handler));
  } catch (err) {
    await closeAll(out);
    throw err;
  }
  return out;
}

/** Stops listening and ends every connection, idle or not. */
export async function closeAll(endpoints: readonly NodeEndpoint[]): Promise<void> {
  await Promise.all(
    endpoints.map(
      (e) =>
        new Promise<void>((resolve) => {
          e.server.close(() => resolve());
          e.server.closeAllConnections();
        }),
    ),
  );
}

function serve(node: string, req: IncomingMessage, res: ServerResponse, handler: Handler): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) tooBig = true;
    else chunks.push(c);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (tooBig) {
      send(res, {
        status: 413,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: `${JSON.stringify({ error: 'too-large', message: `the body is over ${MAX_BODY_BYTES / 1024} KB` })}\n`,
      });
      return;
    }
    const raw: RawRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    let r: RawReply | Promise<RawReply>;
    try {
      r = handler(node, raw);
    } catch (err) {
      send(res, internalError(err));
      return;
    }
    if (r instanceof Promise)
      r.then(
        (x) => send(res, x),
        (err: unknown) => send(res, internalError(err)),
      );
    else send(res, r);
  });
}

/** A bug, not a bad request: say so, and keep serving. */
function internalError(err: unknown): RawReply {
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 500,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: `${JSON.stringify({ error: 'internal', message })}\n`,
  };
}

function send(res: ServerResponse, r: RawReply): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(r.status, { ...r.headers, 'Content-Length': Buffer.byteLength(r.body) });
  res.end(r.body);
}
