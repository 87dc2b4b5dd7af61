import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import { createDeskStore } from '../../../renderer/src/app/store';
import { baseHandlers, createFakeApi, idlePhone } from '../fake-api';
import { signedInSession } from '../fixtures';

const noResult: SearchResult = {
  kind: 'name',
  invalidReason: null,
  rows: [],
  truncated: false,
  matchedCustomers: 0,
  recognition: null,
};

describe('store root', () => {
  it('keeps the api out of the state: the slices have it from the factory', async () => {
    const session = signedInSession();
    const api = createFakeApi({ ...baseHandlers, 'auth.session': () => session });
    const store = createDeskStore(api);
    expect('api' in store.getState()).toBe(false);
    expect(Object.values(store.getState())).not.toContain(api);
    await store.getState().init();
    // The first read: every feature's part in one go, then the signed-in agent's state log.
    expect(api.calls.map((c) => c.name)).toEqual([
      'desk.info',
      'auth.session',
      'softphone.health',
      'softphone.state',
      'scripts.published',
      'callbacks.mine',
      'handover.awaitingMe',
      'agent.stateLog',
    ]);
    expect(store.getState()).toMatchObject({
      loaded: true,
      busy: false,
      error: null,
      session,
      phone: idlePhone,
      sipHealth: { state: 'unconfigured' },
      deskInfo: { deskId: 'd1' },
    });
  });

  it('ends the first read with main’s refusal on screen', async () => {
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => {
        throw new ContractError('INTERNAL', 'database is locked');
      },
    });
    const store = createDeskStore(api);
    await store.getState().init();
    expect(store.getState()).toMatchObject({
      loaded: true,
      busy: false,
      session: null,
      error: { code: 'INTERNAL', message: 'database is locked' },
    });
  });

  it('forgets the lookups when the agent signs out, here or in another window', async () => {
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => signedInSession(),
      'auth.signOut': () => null,
      'search.query': () => noResult,
    });
    const store = createDeskStore(api);
    await store.getState().init();
    await store.getState().search('王芳');
    expect(store.getState().searchResult).toEqual(noResult);
    await store.getState().signOut();
    expect(store.getState()).toMatchObject({ session: null, stateLog: [], searchResult: null });

    act(() => api.emit('session.changed', signedInSession()));
    await store.getState().search('王芳');
    expect(store.getState().searchResult).toEqual(noResult);
    act(() => api.emit('session.changed', null));
    expect(store.getState()).toMatchObject({ session: null, stateLog: [], searchResult: null });
  });
});
