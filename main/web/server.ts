/**
 * Browser mode: the same renderer and host API as the Electron app, served to the user's
 * own browser. HTTP serves the built renderer; a WebSocket at /api carries the host API
 * (wire-format.ts). The server listens on 127.0.0.1 only, on a random port unless told
 * otherwise, and every request must pass access-check.ts (host, origin, per-run token).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EngineEvent } from '../../engine/service/protocol';
import { checkAccess, newToken, tokenCookieName, type AccessPolicy } from './access-check';
import { securityHeaders } from './security-headers';
import { readStaticFile } from './static-files';
import type { HostBackend } from '../host-backend';
import { WebSocketRelay } from './ws-relay';

export const API_PATH = '/api';
/** Largest request a tab may send (requests are small JSON; plans included). */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export interface WebServerOptions {
  /** Answers the host API: the host router (main/host-router.ts), or a fake in tests. */
  readonly backend: HostBackend;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 (default): a free port chosen by the OS. */
  readonly port?: number;
  /** Default: a new random token. */
  readonly token?: string;
}

export interface WebServer {
  /** The page URL with its token: what the user opens. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Pushes an event (the engine's, or the host's) to every connected tab. */
  broadcast(event: EngineEvent): void;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const relay = new WebSocketRelay(options.backend);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  let policy: AccessPolicy = { token, port: -1 };

  const server = createServer((req, res) => void serveHttp(req, res, policy, options.rendererDir));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== API_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    const verdict = checkAccess(req, policy, { requireOrigin: true });
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.reason);
    wss.handleUpgrade(req, socket, head, (ws) => relay.attach(ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: never 0.0.0.0, so nothing off this machine can connect.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  policy = { token, port };
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    broadcast: (event) => relay.broadcast(event),
    close: async () => {
      relay.closeAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveHttp(
  req: IncomingMessage,
  res: ServerResponse,
  policy: AccessPolicy,
  rendererDir: string,
): Promise<void> {
  const headers = securityHeaders(policy.port);
  const verdict = checkAccess(req, policy, { requireOrigin: false });
  if (!verdict.ok)
    return void res
      .writeHead(verdict.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
      .end(`${verdict.reason}\n`);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return void res
      .writeHead(405, {
        ...headers,
        Allow: 'GET, HEAD',
        'Content-Type': 'text/plain; charset=utf-8',
      })
      .end('Method Not Allowed\n');
  }
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path === API_PATH) return void res.writeHead(426, { ...headers, Upgrade: 'websocket' }).end();
  const file = await readStaticFile(rendererDir, path);
  if (file === null)
    return void res
      .writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Not Found\n');
  const out = { ...headers, 'Content-Type': file.contentType, 'Content-Length': file.body.length };
  // The token came in the URL: keep it in an HttpOnly cookie so the page's assets load without it.
  if (verdict.viaQuery) {
    Object.assign(out, {
      'Set-Cookie': `${tokenCookieName(policy.port)}=${policy.token}; HttpOnly; SameSite=Strict; Path=/`,
    });
  }
  res.writeHead(200, out);
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}
