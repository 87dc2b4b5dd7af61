import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseHandlers, createFakeApi } from '../../../fake-api';
import { renderDesk, signedInSession } from '../../../fixtures';

describe('media host', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('starts the media engine over the api the console was given (context, not state)', async () => {
    // jsdom has no WebRTC; the host only checks that it exists before starting the engine.
    vi.stubGlobal('RTCPeerConnection', class {});
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => signedInSession(),
      'media.attach': () => ({ owner: 'o1' }),
      'media.heartbeat': () => null,
    });
    const store = renderDesk(api);
    await vi.waitFor(() => expect(store.getState().devices).not.toBeNull());
    expect(api.calls.filter((c) => c.name === 'media.attach')).toHaveLength(1);
    expect(store.getState().devices?.lists).toEqual({ inputs: [], outputs: [] });
    expect(store.getState().mediaError).toBeNull();
  });

  it('starts nothing before sign-in', async () => {
    vi.stubGlobal('RTCPeerConnection', class {});
    const api = createFakeApi({ ...baseHandlers, 'auth.session': () => null });
    const store = renderDesk(api);
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
    expect(api.calls.some((c) => c.name === 'media.attach')).toBe(false);
  });
});
