/** Call-backs (回电): my open ones, promising, dialling, closing; reminders from main. */
import type { Callback, CallbackOutcome } from '@shared/callbacks/contract';
import type { DeskApi, RequestArgs } from '@shared/contract';
import type { DeskStore, SliceCreator } from '../../app/store';
import type { UiError } from '../../ui/errors';
import { toUiError } from '../../ui/errors';

export interface CallbacksSlice {
  callbacks: Callback[];
  /** Call-backs main said are due soon, not yet seen by the agent (the reminder shows them). */
  callbacksDue: string[];
  /** The 承诺回电 form is open (its shortcut anywhere, or the panel's button). */
  callbackFormOpen: boolean;
  setCallbackFormOpen(open: boolean): void;
  loadCallbacks(): Promise<void>;
  /** Promises a call-back; a refusal comes back (its field issues go next to the fields). */
  promiseCallback(args: RequestArgs<'callbacks.promise'>): Promise<UiError | null>;
  dialCallback(id: string): Promise<void>;
  closeCallback(id: string, outcome: CallbackOutcome, note: string | null): Promise<boolean>;
  dismissCallbackReminder(id: string): void;
}

export const createCallbacksSlice =
  (api: DeskApi): SliceCreator<CallbacksSlice> =>
  (set, get) => ({
    callbacks: [],
    callbacksDue: [],
    callbackFormOpen: false,
    setCallbackFormOpen(open) {
      set({ callbackFormOpen: open });
    },
    async loadCallbacks() {
      if (!get().session) return;
      try {
        set({ callbacks: await api.request('callbacks.mine', { status: 'open' }) });
      } catch (err) {
        set({ error: toUiError(err) });
      }
    },
    async promiseCallback(args) {
      try {
        await api.request('callbacks.promise', args);
        await get().loadCallbacks();
        return null;
      } catch (err) {
        return toUiError(err);
      }
    },
    async dialCallback(id) {
      try {
        set({ phone: await api.request('callbacks.dial', { id }) });
      } catch (err) {
        set({ error: toUiError(err) });
      }
    },
    async closeCallback(id, outcome, note) {
      try {
        await api.request('callbacks.close', { id, outcome, note });
        set({ callbacksDue: get().callbacksDue.filter((x) => x !== id) });
        await get().loadCallbacks();
        return true;
      } catch (err) {
        set({ error: toUiError(err) });
        return false;
      }
    },
    dismissCallbackReminder(id) {
      set({ callbacksDue: get().callbacksDue.filter((x) => x !== id) });
    },
  });

export function connectCallbacks(api: DeskApi, store: DeskStore): void {
  api.on('callbacks.changed', ({ id, due }) => {
    if (due && !store.getState().callbacksDue.includes(id)) {
      store.setState({ callbacksDue: [...store.getState().callbacksDue, id] });
    }
    void store.getState().loadCallbacks();
  });
  // Signed in (here or in another window): load; signed out: nothing of the last agent's stays.
  store.subscribe((state, before) => {
    if (state.session && !before.session) void state.loadCallbacks();
    if (!state.session && before.session) store.setState({ callbacks: [], callbacksDue: [] });
  });
}
