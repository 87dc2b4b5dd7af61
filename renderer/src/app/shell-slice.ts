/**
 * The shell's part of the store: language, connection, the last refused request, and the start
 * (which reads every feature's initial state in one go).
 */
import type { ConnectionState } from './transport';
import type { DeskApi } from '@shared/contract';
import { readSession } from '../features/session';
import { readSoftphone } from '../features/softphone';
import type { UiError } from '../ui/errors';
import { toUiError } from '../ui/errors';
import type { Language } from './i18n';
import type { SliceCreator } from './store';

export interface ShellSlice {
  language: Language;
  connection: ConnectionState;
  /** The first read of the desk is done (till then: a spinner). */
  loaded: boolean;
  /** The last refused request, whichever feature sent it (ErrorAlert shows it). */
  error: UiError | null;
  /** Reads the desk, the session and the softphone; signed in, also the state log. */
  init(): Promise<void>;
  setLanguage(language: Language): void;
  setConnection(state: ConnectionState): void;
  clearError(): void;
}

export const createShellSlice =
  (api: DeskApi, initialLanguage: Language): SliceCreator<ShellSlice> =>
  (set, get) => ({
    language: initialLanguage,
    connection: 'open',
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
    setLanguage: (language) => set({ language }),
    setConnection: (connection) => set({ connection }),
    clearError: () => set({ error: null }),
  });
