import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebHost } from '../../electron/web/server';
import { startWebHost } from '../../electron/web/server';
import type { TestDesk } from '../helpers/desk';
import { createTestDesk, TEST_PASSWORD, tempDir } from '../helpers/desk';

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Sends one request and waits for its reply; events that arrive meanwhile are collected. */
function call(ws: WebSocket, id: number, name: string, args: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { id?: number; outcome?: unknown };
      if (msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.outcome);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, name, args }));
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    ws.once('message', (d) => resolve(JSON.parse(d.toString()) as Record<string, unknown>)),
  );
}

function get(
  port: number,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('browser host', () => {
  let desk: TestDesk;
  let host: WebHost;
  let renderer: { dir: string; remove(): void };
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    desk = createTestDesk();
    renderer = tempDir('renderer-');
    writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>desk</title>');
    host = await startWebHost({ desk, rendererDir: renderer.dir, logger: desk.logger, port: 0 });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.terminate());
    await host.close();
    desk.cleanup();
    renderer.remove();
  });

  const wsUrl = (token: string) => `ws://127.0.0.1:${host.port}/api?token=${token}`;

  it('listens on 127.0.0.1 only and prints a URL carrying a fresh token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses WebSocket connections without the token, with a wrong one, from another origin or host', async () => {
    await expect(open(`ws://127.0.0.1:${host.port}/api`)).rejects.toThrow('HTTP 401');
    await expect(open(wsUrl('x'.repeat(32)))).rejects.toThrow('HTTP 401');
    await expect(open(wsUrl(host.token), { Origin: 'http://evil.example' })).rejects.toThrow(
      'HTTP 403',
    );
    await expect(open(wsUrl(host.token), { Host: 'evil.example' })).rejects.toThrow('HTTP 403');
    await expect(open(`ws://127.0.0.1:${host.port}/other?token=${host.token}`)).rejects.toThrow(
      'HTTP 404',
    );
    expect(
      desk.logger.entries.filter((e) => e.message === 'refused a WebSocket connection'),
    ).toHaveLength(5);
  });

  it('serves the contract to a client with the token and pushes events to every client', async () => {
    const a = await open(wsUrl(host.token), { Origin: `http://127.0.0.1:${host.port}` });
    const b = await open(wsUrl(host.token));
    sockets.push(a, b);
    const pushed = nextMessage(b);
    const out = await call(a, 1, 'auth.signIn', { employeeNo: '1001', password: TEST_PASSWORD });
    expect(out).toMatchObject({ ok: true, value: { agent: { employeeNo: '1001' } } });
    expect(await pushed).toMatchObject({
      event: 'session.changed',
      payload: { agent: { employeeNo: '1001' } },
    });
  });

  it('answers garbage with a clear error and keeps the connection', async () => {
    const ws = await open(wsUrl(host.token));
    sockets.push(ws);
    for (const garbage of ['not json', '[]', '{"name":"auth.session"}', '{"id":"x"}']) {
      const reply = nextMessage(ws);
      ws.send(garbage);
      expect(await reply).toMatchObject({
        id: null,
        outcome: { ok: false, error: { code: 'BAD_ARGUMENT' } },
      });
    }
    expect(await call(ws, 7, 'agent.setState', { target: { status: 'ready' } })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await call(ws, 8, 'auth.session', {})).toEqual({ ok: true, value: null });
  });

  it('closes the connection on an oversized message', async () => {
    const ws = await open(wsUrl(host.token));
    sockets.push(ws);
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(
      JSON.stringify({
        id: 1,
        name: 'auth.signIn',
        args: { employeeNo: '1001', password: 'x'.repeat(2 * 1024 * 1024) },
      }),
    );
    expect(await closed).toBe(1009);
    expect(desk.session.current()).toBeNull();
  });

  it('serves the renderer with a CSP and never a file outside its folder', async () => {
    const index = await get(host.port, '/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await get(host.port, '/../../etc/passwd')).status).toBe(404);
    expect((await get(host.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get(host.port, '/%E0%A4%A')).status).toBe(400);
    expect((await get(host.port, '/missing.js')).status).toBe(404);
  });

  it('refuses to start without a built renderer', async () => {
    await expect(
      startWebHost({ desk, rendererDir: join(renderer.dir, 'nope'), logger: desk.logger }),
    ).rejects.toThrow(/npm run build/);
  });
});
