import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcInvokeChannel } from '@shared/channels';
import type { IpcInvokeEvent, IpcMainPort } from '../../electron/main/ipc';
import { isTrustedRendererUrl, registerContract } from '../../electron/main/ipc';
import { MemoryLogger } from '../../electron/core/platform/ports';
import type { TestDesk } from '../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../helpers/desk';

type Listener = (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Stands in for Electron's ipcMain: same handle/removeHandler shape, invoked like ipcRenderer.invoke. */
class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(
    frame: IpcInvokeEvent['senderFrame'],
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return h({ senderFrame: frame }, ...args);
  }
}

const ownFrame = { url: 'app://desk/index.html', parent: null };

describe('IPC registration', () => {
  let desk: TestDesk;
  let ipc: FakeIpcMain;
  let logger: MemoryLogger;
  let unregister: () => void;
  beforeEach(() => {
    desk = createTestDesk();
    ipc = new FakeIpcMain();
    logger = new MemoryLogger();
    unregister = registerContract(ipc, desk.dispatcher, (u) => isTrustedRendererUrl(u), logger);
  });
  afterEach(() => desk.cleanup());

  it('registers the one invoke channel and removes it', () => {
    expect([...ipc.handlers.keys()]).toEqual([ipcInvokeChannel]);
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('serves the desk window', async () => {
    const out = await ipc.invoke(ownFrame, ipcInvokeChannel, 'auth.signIn', {
      employeeNo: '1001',
      password: TEST_PASSWORD,
    });
    expect(out).toMatchObject({ ok: true, value: { agent: { employeeNo: '1001' } } });
  });

  it('refuses iframes, other origins, navigated pages and missing frames, and changes nothing', async () => {
    const args = { employeeNo: '1001', password: TEST_PASSWORD };
    for (const frame of [
      { url: 'app://desk/index.html', parent: {} }, // an iframe inside our page
      { url: 'https://evil.example/', parent: null },
      { url: 'app://other/index.html', parent: null },
      { url: 'file:///etc/passwd', parent: null },
      { url: 'not a url', parent: null },
      null, // frame already gone
    ]) {
      const out = await ipc.invoke(frame, ipcInvokeChannel, 'auth.signIn', args);
      expect(out).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(desk.session.current()).toBeNull();
    expect(
      logger.entries.filter((e) => e.message === 'refused IPC from an untrusted frame'),
    ).toHaveLength(6);
  });

  it('refuses extra positional arguments and malformed ones', async () => {
    expect(
      await ipc.invoke(
        ownFrame,
        ipcInvokeChannel,
        'auth.signIn',
        { employeeNo: '1001', password: TEST_PASSWORD },
        'extra',
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT' },
    });
    expect(
      await ipc.invoke(ownFrame, ipcInvokeChannel, 'agent.setState', {
        target: { status: 'on_the_moon' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT' },
    });
    expect(await ipc.invoke(ownFrame, ipcInvokeChannel, 'no.suchRequest', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_REQUEST' },
    });
    expect(desk.session.current()).toBeNull();
  });

  it('trusts the dev server origin only when one is configured', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
