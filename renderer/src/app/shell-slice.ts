/**
 * The shell's part of the store: language, connection, the last refused request, and the start
 * (which reads every feature's initial state in one go).
 */
import type { ConnectionState, SocketApi } from './transport';
import type { DeskApi } from '@shared/contract';
import { readSession } from '../features/session';
import { readSoftphone } from '../features/softphone';
import type { UiError } from '../ui/errors';
import { toUiError } from '../ui/errors';
import type { Language } from './i18n';
import type { DeskStore, SliceCreator } from './store';

/**
 * Why the sign-in page is back after a reconnect: the host was unreachable for a while and the
 * shift is gone ('restarted'), or the shift ended while the socket was away ('sessionEnded').
 */
export type ShellNotice = 'restarted' | 'sessionEnded';

export interface ShellSlice {
  language: Language;
  connection: ConnectionState;
  /** When the connection was lost (null while connected): the live timers stop at it. */
  connectionLostAt: number | null;
  /** Since the loss, a connection attempt failed (the host was down, not just a blip). */
  hostWasDown: boolean;
  /** Shown on the sign-in page after a reconnect found the shift ended. */
  notice: ShellNotice | null;
  /** The first read of the desk is done (till then: a spinner). */
  loaded: boolean;
  /** The last refused request, whichever feature sent it (ErrorAlert shows it). */
  error: UiError | null;
  /** Reads the desk, the session and the softphone; signed in, also the state log. */
  init(): Promise<void>;
  /**
   * After the connection is back: reads everything again (events were missed). The session goes
   * on if main still has it; else the sign-in page says why (notice).
   */
  resync(): Promise<void>;
  setLanguage(language: Language): void;
  setConnection(state: ConnectionState): void;
  clearError(): void;
}

export const createShellSlice =
  (api: DeskApi, initialLanguage: Language): SliceCreator<ShellSlice> =>
  (set, get) => ({
    language: initialLanguage,
    connection: 'open',
    connectionLostAt: null,
    hostWasDown: false,
    notice: null,
    loaded: false,
    error: null,
    async init() {
      set({ busy: true, error: null });
      try {
        const [session, softphone] = await Promise.all([readSession(api), readSoftphone(api)]);
        set({ ...session, ...softphone });
        if (session.session) await get().refreshStateLog();
      } catch (err) {
        set({ error: toUiError(err) });
      } finally {
        set({ busy: false });
      }
      set({ loaded: true });
    },
    async resync() {
      const hadSession = get().session !== null;
      const hostWasDown = get().hostWasDown;
      set({ hostWasDown: false });
      await get().init();
      if (hadSession && get().session === null && get().connection === 'open') {
        set({ notice: hostWasDown ? 'restarted' : 'sessionEnded' });
      }
    },
    setLanguage: (language) => set({ language }),
    setConnection: (connection) => {
      const before = get();
      if (connection === 'open') {
        set({
          connection,
          connectionLostAt: null,
          // What failed while the connection was down is not this connection's error.
          ...(before.error?.code === 'DISCONNECTED' && { error: null }),
        });
      } else if (before.connection === 'open') {
        set({ connection, connectionLostAt: Date.now(), hostWasDown: false });
      } else {
        // 'connecting' again: a reconnection attempt failed, the host itself was unreachable.
        set({ connection, hostWasDown: before.hostWasDown || connection === 'connecting' });
      }
    },
    clearError: () => set({ error: null }),
  });

/**
 * Ties the browser host's socket to the store: the connection state, and after a reconnect a
 * resync. Returns the unsubscribe.
 */
export function watchConnection(api: SocketApi, store: DeskStore): () => void {
  return api.onConnection((state) => {
    const wasOpen = store.getState().connection === 'open';
    store.getState().setConnection(state);
    if (state === 'open' && !wasOpen && store.getState().loaded) void store.getState().resync();
  });
}
