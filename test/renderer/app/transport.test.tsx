import { render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App';
import { createDeskStore } from '../../../renderer/src/app/store';
import type { ConnectionState, SocketApi } from '../../../renderer/src/app/transport';
import { createDeskApi } from '../../../renderer/src/app/transport';
import { createTestI18n } from '../fixtures';

/** A window opened at `href`, with an empty sessionStorage, and no Electron preload. */
function windowAt(href: string): Window {
  const store = new Map<string, string>();
  return {
    location: { href },
    sessionStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    },
    history: { replaceState: () => undefined },
  } as unknown as Window;
}

describe('the browser-host transport', () => {
  it('says the access token is missing instead of reconnecting forever', async () => {
    const api = createDeskApi(windowAt('http://127.0.0.1:5175/')) as SocketApi;
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    expect(states).toEqual(['no_token']);
    await expect(api.request('auth.session', {})).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const store = createDeskStore(api);
    api.onConnection((s) => store.getState().setConnection(s));
    render(createElement(App, { api, store, i18n: createTestI18n() }));
    expect(await screen.findByText('访问地址缺少访问令牌')).toBeTruthy();
    expect(screen.getByText(/请打开工作台服务启动时打印的完整地址/)).toBeTruthy();
  });
});
