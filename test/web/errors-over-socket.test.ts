import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebHost } from '../../electron/web/server';
import { startWebHost } from '../../electron/web/server';
import type { TestDesk } from '../helpers/desk';
import { createTestDesk, TEST_PASSWORD, tempDir } from '../helpers/desk';

/**
 * What the console receives when main refuses: the code and the structured details it translates
 * (the lockout's minutes), through the real dispatcher and the browser host's socket.
 */
describe('refusals over the browser host’s socket', () => {
  let desk: TestDesk;
  let host: WebHost;
  let renderer: { dir: string; remove(): void };
  let ws: WebSocket;
  let id = 0;

  beforeEach(async () => {
    desk = createTestDesk();
    renderer = tempDir('renderer-');
    writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>desk</title>');
    host = await startWebHost({ desk, rendererDir: renderer.dir, logger: desk.logger, port: 0 });
    ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    await new Promise((r) => ws.once('open', r));
  });
  afterEach(async () => {
    ws.terminate();
    await host.close();
    desk.cleanup();
    renderer.remove();
  });

  const call = (name: string, args: unknown) =>
    new Promise<{ ok: boolean; error?: Record<string, unknown> }>((resolve) => {
      const my = ++id;
      const onMessage = (d: WebSocket.RawData) => {
        const msg = JSON.parse(d.toString()) as { id?: number; outcome?: never };
        if (msg.id !== my) return;
        ws.off('message', onMessage);
        resolve(msg.outcome!);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: my, name, args }));
    });

  it('sends the lockout’s minutes as details, and the lock changes nothing more on a right password', async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        await call('auth.signIn', { employeeNo: '1001', password: 'wrong-password' }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    }
    // The fifth failure locks the account, and says for how long.
    expect(
      await call('auth.signIn', { employeeNo: '1001', password: 'wrong-password' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED', details: { minutes: 15 } },
    });
    const locked = await call('auth.signIn', { employeeNo: '1001', password: TEST_PASSWORD });
    expect(locked).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED', details: { minutes: 15 } },
    });
    expect(await call('auth.session', {})).toEqual({ ok: true, value: null });
  });
});
