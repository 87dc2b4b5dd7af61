/**
 * Honest state: while the connection to main is lost the console shows one banner and every live
 * indicator as stale (greyed, inert, "未连接", clocks stopped); once it is back the console reads
 * the desk again and either carries on or, the shift being gone, asks to sign in with the reason.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ContractError } from '@shared/common/errors';
import type { Session } from '@shared/contract';
import { watchConnection } from '../../../renderer/src/app/shell-slice';
import type { ConnectionState, SocketApi } from '../../../renderer/src/app/transport';
import { createSocketApi } from '../../../renderer/src/app/transport';
import type { FakeApi } from '../fake-api';
import { baseHandlers, createFakeApi } from '../fake-api';
import { renderDesk, signedInSession } from '../fixtures';

const until = (check: () => void) => waitFor(check, { timeout: 5000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fake api that also plays the browser host's socket: the test says when it drops and returns. */
function socketLike(
  api: FakeApi,
): FakeApi & SocketApi & { drop(...states: ConnectionState[]): void } {
  const listeners = new Set<(s: ConnectionState) => void>();
  return {
    ...api,
    onConnection(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => undefined,
    drop(...states) {
      for (const s of states) for (const l of listeners) l(s);
    },
  };
}

function setup(session: () => Session | null) {
  const fake = createFakeApi({ ...baseHandlers, 'auth.session': session });
  const api = socketLike(fake);
  const store = renderDesk(api);
  watchConnection(api, store);
  return { api, store, fake };
}

describe('while the connection to main is lost', () => {
  it('shows one banner; the state, its timer and the SIP chip are greyed, inert and stopped', async () => {
    const { api, store } = setup(() => signedInSession({ status: 'ready' }, Date.now() - 65_000));
    const state = await screen.findByRole('status', { name: '座席状态' });
    const timer = screen.getByLabelText('当前状态时长');
    const chip = screen.getByRole('status', { name: '软电话' });
    // The clock runs while connected…
    const running = timer.textContent;
    await until(() => expect(timer.textContent).not.toBe(running));
    // …a request refused for the lost connection would be a second warning: it is not shown.
    act(() =>
      store.setState({ error: { code: 'DISCONNECTED', message: 'Not connected to the desk' } }),
    );
    act(() => api.drop('connecting'));

    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.textContent).toContain('与工作台服务的连接已断开，正在自动重连');
    expect(screen.getByRole('status', { name: '连接' }).textContent).toBe('未连接');
    for (const live of [state, timer, chip]) {
      const wrapper = live.closest('[data-stale]');
      expect(wrapper, live.textContent ?? '').not.toBeNull();
      expect(wrapper!.hasAttribute('inert')).toBe(true);
      expect((wrapper as HTMLElement).style.filter).toBe('grayscale(1)');
    }
    // Stopped: the timer shows the moment the connection was lost.
    const frozen = timer.textContent;
    await sleep(1300);
    expect(timer.textContent).toBe(frozen);
    // Retries that fail change nothing on screen: still one banner.
    act(() => api.drop('connecting', 'connecting'));
    expect(screen.getAllByRole('alert')).toHaveLength(1);

    act(() => api.drop('open'));
    await until(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(document.querySelector('[data-stale]')).toBeNull();
    expect(screen.queryByRole('status', { name: '连接' })).toBeNull();
    await until(() => expect(timer.textContent).not.toBe(frozen));
  });

  it('greys the call panel too (its controls cannot act on a call that may be gone)', async () => {
    const { api } = setup(() => signedInSession({ status: 'ready' }));
    const panel = await screen.findByRole('region', { name: '通话' });
    act(() => api.drop('connecting'));
    expect(panel.closest('[data-stale]')?.hasAttribute('inert')).toBe(true);
    act(() => api.drop('open'));
    await until(() => expect(panel.closest('[data-stale]')).toBeNull());
  });
});

describe('when the connection is back', () => {
  it('carries on with the session main still has, without a word', async () => {
    const { api, fake } = setup(() => signedInSession({ status: 'ready' }));
    await screen.findByRole('status', { name: '座席状态' });
    const reads = () => fake.calls.filter((c) => c.name === 'auth.session').length;
    const before = reads();
    act(() => api.drop('connecting', 'connecting', 'open'));
    await until(() => expect(reads()).toBe(before + 1));
    expect(screen.getByRole('status', { name: '座席状态' }).textContent).toBe('示闲');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('after a host restart ended the shift: the sign-in page, saying so', async () => {
    let session: Session | null = signedInSession({ status: 'ready' });
    const { api, store } = setup(() => session);
    await screen.findByRole('status', { name: '座席状态' });
    session = null; // the restarted host closed the shift
    // The host was down: an attempt failed before one opened.
    act(() => api.drop('connecting', 'connecting', 'open'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('工作台服务已重启，本班次已结束，请重新登录');
    expect(screen.getByRole('button', { name: '登录' })).toBeTruthy();
    expect(store.getState().notice).toBe('restarted');
    // Signed in again, the reason is gone.
    act(() => store.setState({ session: signedInSession({ status: 'ready' }) }));
    expect(store.getState().notice).toBeNull();
  });

  it('a blip that found the shift ended elsewhere says that, not a restart', async () => {
    let session: Session | null = signedInSession({ status: 'ready' });
    const { api } = setup(() => session);
    await screen.findByRole('status', { name: '座席状态' });
    session = null;
    act(() => api.drop('connecting', 'open'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('断线期间本班次已结束，请重新登录');
    expect(alert.textContent).not.toContain('重启，本班次');
  });
});

describe('signed out while the connection is lost', () => {
  it('says it once above the sign-in form, and the refused sign-in adds nothing', async () => {
    const fake = createFakeApi({
      ...baseHandlers,
      'auth.session': () => null,
      'auth.signIn': () => {
        throw new ContractError('DISCONNECTED', 'Not connected to the desk service');
      },
    });
    const api = socketLike(fake);
    const store = renderDesk(api);
    watchConnection(api, store);
    await screen.findByRole('button', { name: '登录' });
    act(() => api.drop('connecting'));
    await act(() => store.getState().signIn('1001', 'secret1'));
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.textContent).toContain('与工作台服务的连接已断开，正在自动重连');
  });
});

describe('the socket client and a refused token', () => {
  const servers: { close(): void }[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  /** A host whose socket refuses every upgrade with 401, as a restarted host with a new token. */
  async function refusingHost(): Promise<number> {
    const http = createServer((_req, res) => res.writeHead(404).end());
    const wss = new WebSocketServer({ noServer: true });
    http.on('upgrade', (_req, socket) => {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    servers.push({ close: () => (wss.close(), http.close()) });
    return (http.address() as AddressInfo).port;
  }

  it('stops retrying and says the token was refused when the host answers 401', async () => {
    const port = await refusingHost();
    let probes = 0;
    const api = createSocketApi(`ws://127.0.0.1:${port}/api?token=old`, () => {
      probes++;
      return Promise.resolve('refused');
    });
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    await until(() => expect(states).toContain('refused'));
    await sleep(1500); // no further attempt after the refusal
    expect(states.filter((s) => s === 'refused')).toHaveLength(1);
    expect(probes).toBe(1);
    await expect(api.request('auth.session', {})).rejects.toMatchObject({ code: 'DISCONNECTED' });
    api.close();
  });

  it('keeps retrying while the host is down (no answer is not a refusal)', async () => {
    const port = await refusingHost();
    let probes = 0;
    const api = createSocketApi(`ws://127.0.0.1:${port}/api?token=t`, () => {
      probes++;
      return Promise.resolve('down');
    });
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    await until(() => expect(probes).toBeGreaterThanOrEqual(2));
    expect(states).not.toContain('refused');
    // (The first 'connecting' came before the listener: a retry is the second attempt.)
    expect(states.filter((s) => s === 'connecting').length).toBeGreaterThanOrEqual(1);
    api.close();
  });

  it('shows the refusal as its own page, not "reconnecting"', async () => {
    const fake = createFakeApi({ ...baseHandlers, 'auth.session': () => null });
    const api = socketLike(fake);
    const store = renderDesk(api);
    watchConnection(api, store);
    await screen.findByRole('button', { name: '登录' });
    act(() => api.drop('refused'));
    const page = await screen.findByText('访问令牌已失效，工作台服务拒绝连接');
    expect(
      within(page.closest('.ant-result')!).getByText(/请打开服务启动时打印的新地址/),
    ).toBeTruthy();
    expect(screen.queryByText(/正在自动重连/)).toBeNull();
  });
});
