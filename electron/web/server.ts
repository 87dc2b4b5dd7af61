/**
 * The browser host (`npm run start:web`): the same services, built by the same composition root
 * as the Electron shell, with the renderer served over HTTP and the contract over a WebSocket.
 * Binds 127.0.0.1 only. The WebSocket demands the token printed in the URL (kept in the data
 * folder across restarts, host-token.ts), an Origin
 * of this very server and a loopback Host header (no cross-site or DNS-rebinding access).
 * `GET /api/token` (token in the `x-desk-token` header, same Host/Origin checks) answers 204 or 401,
 * so a page whose socket is refused can tell a refused token from a host that is down.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Desk } from '../core/desk';
import { contentSecurityPolicy, mimeTypes } from '../main/renderer-policy';
import type { Logger } from '../core/platform/ports';

export interface WebHostOptions {
  desk: Desk;
  rendererDir: string;
  logger: Logger;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; otherwise a fresh random one per run. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

export function webContentSecurityPolicy(port: number): string {
  return contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { desk, logger } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.rendererDir);
  await stat(join(root, 'index.html')).catch(() => {
    throw new Error(`No built renderer at ${root} (run \`npm run build\` first)`);
  });
  let port = 0;
  const sockets = new Set<WebSocket>();

  const serveStatic = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('Bad path');
      return;
    }
    const file = join(root, normalize(pathname === '/' ? '/index.html' : pathname));
    if (!file.startsWith(root + sep)) {
      res.writeHead(404).end('Not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': webContentSecurityPolicy(port),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404).end('Not found');
    }
  };

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  /** A loopback Host of this server, and no Origin or this server's own (no cross-site access). */
  const fromOurPage = (req: IncomingMessage): string | null => {
    const hosts = allowedHosts();
    const origin = req.headers.origin;
    if (!hosts.includes(req.headers.host ?? '')) return 'Forbidden host';
    if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
      return 'Forbidden origin';
    }
    return null;
  };

  /**
   * GET /api/token with the token in `x-desk-token`: 204 if it is this host's, else 401. A page
   * whose WebSocket will not open cannot see why; this tells it that its token was refused (a new
   * one was issued, or it was never ours), so it stops retrying and says so.
   */
  const checkToken = (req: IncomingMessage, res: ServerResponse): void => {
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (req.method !== 'GET') {
      res.writeHead(405, { ...headers, allow: 'GET' }).end();
      return;
    }
    const forbidden = fromOurPage(req);
    if (forbidden) {
      logger.warn('refused a token check', { why: forbidden, remote: req.socket.remoteAddress });
      res.writeHead(403, headers).end();
      return;
    }
    const given = req.headers['x-desk-token'];
    const ok = typeof given === 'string' && tokensEqual(given, token);
    if (!ok) logger.warn('refused a token check', { why: 'Unauthorized' });
    res.writeHead(ok ? 204 : 401, headers).end();
  };

  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === '/api/token') {
      checkToken(req, res);
      return;
    }
    serveStatic(req, res).catch((err: unknown) => {
      logger.error('static file failed', { error: String(err) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: number, why: string) => {
      logger.warn('refused a WebSocket connection', { why, remote: req.socket.remoteAddress });
      socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/api') return refuse(404, 'Not Found');
    const forbidden = fromOurPage(req);
    if (forbidden) return refuse(403, forbidden);
    const given = url.searchParams.get('token') ?? '';
    if (!tokensEqual(given, token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (err) => logger.warn('WebSocket error', { error: String(err) }));
    ws.on('message', (data, isBinary) => {
      void handleMessage(ws, isBinary ? null : data.toString());
    });
  });

  const handleMessage = async (ws: WebSocket, text: string | null): Promise<void> => {
    let message: unknown;
    try {
      message = text === null ? null : JSON.parse(text);
    } catch {
      message = null;
    }
    const id =
      isObject(message) && Number.isSafeInteger(message['id']) ? (message['id'] as number) : null;
    if (!isObject(message) || id === null) {
      send(ws, {
        id,
        outcome: {
          ok: false,
          error: { code: 'BAD_ARGUMENT', message: 'Expected a JSON object {id, name, args}' },
        },
      });
      return;
    }
    const outcome = await desk.dispatcher.dispatch(message['name'], message['args']);
    send(ws, { id, outcome });
  };

  const unsubscribe = desk.subscribe((event, payload) => {
    for (const ws of sockets) send(ws, { event, payload });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/?token=${token}`;

  return {
    url,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}
