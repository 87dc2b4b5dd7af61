import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDesk } from '../../electron/core/desk';
import type { Desk } from '../../electron/core/desk';
import { MemoryLogger } from '../../electron/core/platform/ports';
import { hostToken } from '../../electron/web/host-token';
import type { WebHost } from '../../electron/web/server';
import { startWebHost } from '../../electron/web/server';
import { addAgent, TEST_PASSWORD, TestClock, tempDir } from '../helpers/desk';

/**
 * The browser host restarts over the same data folder: the consoles that were open come back with
 * the token they hold; a forged token is refused at the socket and at the token check, and
 * changes nothing.
 */
function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

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

describe('browser host restart', () => {
  const data = tempDir('host-restart-');
  const renderer = tempDir('renderer-');
  writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>desk</title>');
  const logger = new MemoryLogger();
  const clock = new TestClock();
  let desk: Desk | undefined;
  let host: WebHost | undefined;
  const sockets: WebSocket[] = [];

  const start = async (port = 0, renew = false) => {
    desk = createDesk({ dataDir: data.dir, host: 'web', appVersion: '0.0.0-test', clock, logger });
    host = await startWebHost({
      desk,
      rendererDir: renderer.dir,
      logger,
      port,
      token: hostToken(data.dir, logger, renew),
    });
    return host;
  };
  const stop = async () => {
    sockets.splice(0).forEach((s) => s.terminate());
    await host?.close();
    desk?.dispose();
    host = undefined;
    desk = undefined;
  };
  afterEach(stop);
  afterAll(() => {
    data.remove();
    renderer.remove();
  });

  /** What a forged attempt could have changed: shifts, the state log, the audit log. */
  const counts = () => {
    const db = new Database(join(data.dir, 'desk.sqlite'), { readonly: true });
    try {
      return db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM shifts) AS shifts,
                  (SELECT COUNT(*) FROM agent_state_log) AS states,
                  (SELECT COUNT(*) FROM audit_log) AS audits`,
        )
        .get();
    } finally {
      db.close();
    }
  };
  const checkToken = (port: number, token: string | null, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}/api/token`, {
      headers: { ...(token !== null && { 'x-desk-token': token }), ...headers },
    }).then((r) => r.status);

  it('takes the held token back after a restart; refuses a forged one clearly, changing nothing', async () => {
    const first = await start();
    addAgent(desk!.db, { employeeNo: '1001', name: '张伟', role: 'agent' });
    const port = first.port;
    const token = first.token;
    let ws = await open(`ws://127.0.0.1:${port}/api?token=${token}`);
    sockets.push(ws);
    expect(
      await call(ws, 1, 'auth.signIn', { employeeNo: '1001', password: TEST_PASSWORD }),
    ).toMatchObject({ ok: true });
    expect(await checkToken(port, token)).toBe(204);
    await stop();

    // Down: the page's token check gets no answer at all (the console keeps retrying).
    await expect(checkToken(port, token)).rejects.toThrow();

    const second = await start(port);
    expect(second.token).toBe(token);
    ws = await open(`ws://127.0.0.1:${port}/api?token=${token}`);
    sockets.push(ws);
    // The shift did not survive the restart: the console must ask to sign in again.
    expect(await call(ws, 1, 'auth.session', {})).toEqual({ ok: true, value: null });
    const before = counts();

    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    await expect(open(`ws://127.0.0.1:${port}/api?token=${forged}`)).rejects.toThrow('HTTP 401');
    await expect(open(`ws://127.0.0.1:${port}/api?token=`)).rejects.toThrow('HTTP 401');
    expect(await checkToken(port, forged)).toBe(401);
    expect(await checkToken(port, null)).toBe(401);
    expect(await checkToken(port, 'x'.repeat(10_000))).toBe(401);
    // Another site cannot ask, even with the right token.
    expect(await checkToken(port, token, { origin: 'http://evil.example' })).toBe(403);
    expect(await checkToken(port, token)).toBe(204);
    expect(counts()).toEqual(before);
    expect(logger.entries.filter((e) => e.message === 'refused a token check')).toHaveLength(4);
  });

  it('a --new-token restart refuses the token the open consoles hold', async () => {
    const first = await start();
    const { port, token } = first;
    await stop();
    const renewed = await start(port, true);
    expect(renewed.token).not.toBe(token);
    await expect(open(`ws://127.0.0.1:${port}/api?token=${token}`)).rejects.toThrow('HTTP 401');
    expect(await checkToken(port, token)).toBe(401);
    expect(await checkToken(port, renewed.token)).toBe(204);
  });

  it('answers the token check for GET only', async () => {
    const { port, token } = await start();
    const res = await fetch(`http://127.0.0.1:${port}/api/token`, {
      method: 'POST',
      headers: { 'x-desk-token': token },
    });
    expect(res.status).toBe(405);
  });
});
