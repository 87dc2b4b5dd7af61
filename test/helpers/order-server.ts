/**
 * A stand-in for the company's order system (docs/ORDER-API.md) on 127.0.0.1, with faults on
 * demand: 500s, no answer (the desk's timeout), the reply lost after the order was stored, 422
 * refusals. It stores each idempotency key once and answers a repeat with the same reference, as
 * the real one must — so a test can count what reached it, not just what the desk believes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'error500' | 'hang' | 'storeThenDrop' | 'refuse422' | 'ok';

export interface OrderServer {
  url: string;
  /** Stored orders by idempotency key. */
  stored: Map<
    string,
    { ref: string; body: Record<string, unknown>; headers: IncomingMessage['headers'] }
  >;
  /** Every request seen, in order: its key and what the server did. */
  requests: { key: string; fault: Fault }[];
  /** Faults to apply to the next requests, one each, then 'ok'. */
  faults: Fault[];
  stop(): Promise<void>;
}

export async function startOrderServer(port = 0): Promise<OrderServer> {
  const stored: OrderServer['stored'] = new Map();
  const requests: OrderServer['requests'] = [];
  const faults: Fault[] = [];
  const hanging = new Set<ServerResponse>();
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      const fault = faults.shift() ?? 'ok';
      requests.push({ key, fault });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      switch (fault) {
        case 'error500':
          return json(500, { error: 'database unavailable' });
        case 'hang':
          hanging.add(res);
          return;
        case 'refuse422':
          return json(422, { reason: '收件地址不在服务范围' });
        case 'storeThenDrop':
        case 'ok': {
          const existing = stored.get(key);
          const ref = existing?.ref ?? `OS-${++n}`;
          if (!existing) {
            stored.set(key, {
              ref,
              body: JSON.parse(body) as Record<string, unknown>,
              headers: req.headers,
            });
          }
          if (fault === 'storeThenDrop') {
            req.socket.destroy(); // stored, but the desk never hears so
            return;
          }
          return json(existing ? 409 : 201, { orderRef: ref });
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/orders`,
    stored,
    requests,
    faults,
    async stop() {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
