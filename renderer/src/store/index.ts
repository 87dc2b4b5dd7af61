/**
 * One zustand store per desk API, split into slices (zustand docs' slices pattern). A store is
 * created per API so tests get a fresh one each time; components read it through useDesk().
 */
import { createContext, useContext } from 'react';
import type { StateCreator, StoreApi } from 'zustand';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AgentState } from '@shared/session/agent-state';
import type {
  CallRecord,
  DeskApi,
  RequestArgs,
  RequestName,
  RequestResult,
  SoftphoneView,
  revealReasons,
  ScreenPop,
  SearchResult,
  Session,
  SipHealth,
  StateLogEntry,
  WaybillDetail,
} from '@shared/contract';
import type { ErrorCode } from '@shared/common/errors';
import { ContractError } from '@shared/common/errors';
import type { Language } from '../i18n';
import type { DeviceChoice, DeviceLists } from '../media/engine';

type DeskInfo = RequestResult<'desk.info'>;

export interface UiError {
  code: ErrorCode;
  message: string;
}

export interface SessionSlice {
  loaded: boolean;
  deskInfo: DeskInfo | null;
  session: Session | null;
  stateLog: StateLogEntry[];
  busy: boolean;
  error: UiError | null;
  init(): Promise<void>;
  signIn(employeeNo: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  setAgentState(target: AgentState): Promise<void>;
  refreshStateLog(): Promise<void>;
  clearError(): void;
}

type CallRequest = Extract<
  RequestName,
  `call.${string}` | `acw.${string}` | 'softphone.setOptions' | 'softphone.state'
>;

export interface SoftphoneSlice {
  /** The transport, for the media engine the workspace starts. */
  api: DeskApi;
  sipHealth: SipHealth | null;
  /** Main's view of the call, ACW and options (pushed on every change). */
  phone: SoftphoneView | null;
  /** The caller's screen pop, looked up by main while it rang. */
  callPop: { callId: string; pop: ScreenPop } | null;
  callHistory: CallRecord[];
  mediaError: string | null;
  /** Audio devices as the media engine sees them (null until it starts). */
  devices: { lists: DeviceLists; choice: DeviceChoice } | null;
  /** Sends a call-control request; refusals land in `error`. Returns false if refused. */
  callAction<N extends CallRequest>(name: N, args: RequestArgs<N>): Promise<boolean>;
  refreshCallHistory(): Promise<void>;
  setMediaError(message: string | null): void;
  setDevices(devices: { lists: DeviceLists; choice: DeviceChoice }): void;
  configureSoftphone(account: {
    server: string;
    aor: string;
    authUser: string;
    password: string;
    displayName?: string;
  }): Promise<boolean>;
}

export interface UiSlice {
  language: Language;
  connection: 'open' | 'connecting';
  setLanguage(language: Language): void;
  setConnection(state: 'open' | 'connecting'): void;
}

export interface LookupSlice {
  searchResult: SearchResult | null;
  /** The screen-pop view of the phone number searched for (null for other searches). */
  phonePop: ScreenPop | null;
  searching: boolean;
  detail: WaybillDetail | null;
  detailOpen: boolean;
  revealed: Partial<Record<'sender' | 'receiver', string>>;
  search(text: string): Promise<void>;
  openWaybill(number: string): Promise<void>;
  closeWaybill(): void;
  revealPhone(party: 'sender' | 'receiver', reason: (typeof revealReasons)[number]): Promise<void>;
  addNote(text: string): Promise<boolean>;
}

export type DeskState = SessionSlice & UiSlice & LookupSlice & SoftphoneSlice;
type Slice<T> = StateCreator<DeskState, [], [], T>;

function isSoftphoneView(v: unknown): v is SoftphoneView {
  return typeof v === 'object' && v !== null && 'options' in v && 'call' in v;
}

function toUiError(err: unknown): UiError {
  if (err instanceof ContractError) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

const createSessionSlice =
  (api: DeskApi): Slice<SessionSlice> =>
  (set, get) => {
    /** Runs one request with busy/error bookkeeping; returns false if it was refused. */
    const run = async (fn: () => Promise<void>): Promise<boolean> => {
      set({ busy: true, error: null });
      try {
        await fn();
        return true;
      } catch (err) {
        set({ error: toUiError(err) });
        return false;
      } finally {
        set({ busy: false });
      }
    };
    return {
      loaded: false,
      deskInfo: null,
      session: null,
      stateLog: [],
      busy: false,
      error: null,
      async init() {
        await run(async () => {
          const [deskInfo, session, sipHealth, phone] = await Promise.all([
            api.request('desk.info', {}),
            api.request('auth.session', {}),
            api.request('softphone.health', {}),
            api.request('softphone.state', {}),
          ]);
          set({ deskInfo, session, sipHealth, phone });
          if (session) await get().refreshStateLog();
        });
        set({ loaded: true });
      },
      async signIn(employeeNo, password) {
        return run(async () => {
          const session = await api.request('auth.signIn', { employeeNo, password });
          set({ session });
          await get().refreshStateLog();
        });
      },
      async signOut() {
        await run(async () => {
          await api.request('auth.signOut', {});
          set({ session: null, stateLog: [], ...clearedLookup });
        });
      },
      async setAgentState(target) {
        await run(async () => {
          const session = await api.request('agent.setState', { target });
          set({ session });
          await get().refreshStateLog();
        });
      },
      async refreshStateLog() {
        if (!get().session) return;
        const stateLog = await api.request('agent.stateLog', { limit: 100 });
        set({ stateLog });
      },
      clearError() {
        set({ error: null });
      },
    };
  };

const clearedLookup = {
  searchResult: null,
  phonePop: null,
  detail: null,
  detailOpen: false,
  revealed: {},
} as const;

const createLookupSlice =
  (api: DeskApi): Slice<LookupSlice> =>
  (set, get) => {
    const fail = (err: unknown) => set({ error: toUiError(err) });
    return {
      searchResult: null,
      phonePop: null,
      searching: false,
      detail: null,
      detailOpen: false,
      revealed: {},
      async search(text) {
        set({ searching: true, error: null });
        try {
          const searchResult = await api.request('search.query', { text, limit: 1000 });
          const phonePop =
            searchResult.kind === 'phone'
              ? await api.request('screenPop.lookup', { number: text.replace(/\s+/g, '') })
              : null;
          set({ searchResult, phonePop });
        } catch (err) {
          fail(err);
        } finally {
          set({ searching: false });
        }
      },
      async openWaybill(number) {
        try {
          const detail = await api.request('waybill.get', { number });
          // Revealed numbers belong to the waybill they were revealed for.
          const same = get().detail?.waybill.id === detail.waybill.id;
          set({ detail, detailOpen: true, ...(same ? {} : { revealed: {} }) });
        } catch (err) {
          fail(err);
        }
      },
      closeWaybill() {
        set({ detailOpen: false, revealed: {} });
      },
      async revealPhone(party, reason) {
        const detail = get().detail;
        if (!detail) return;
        try {
          const { phone } = await api.request('waybill.revealPhone', {
            waybillId: detail.waybill.id,
            party,
            reason,
          });
          set({ revealed: { ...get().revealed, [party]: phone } });
        } catch (err) {
          fail(err);
        }
      },
      async addNote(text) {
        const detail = get().detail;
        if (!detail) return false;
        try {
          const note = await api.request('waybill.addNote', { waybillId: detail.waybill.id, text });
          set({ detail: { ...detail, notes: [note, ...detail.notes] } });
          return true;
        } catch (err) {
          fail(err);
          return false;
        }
      },
    };
  };

const createSoftphoneSlice =
  (api: DeskApi): Slice<SoftphoneSlice> =>
  (set, get) => ({
    api,
    sipHealth: null,
    phone: null,
    callPop: null,
    callHistory: [],
    mediaError: null,
    devices: null,
    async callAction(name, args) {
      set({ error: null });
      try {
        const phone = (await api.request(name, args)) as unknown;
        if (isSoftphoneView(phone)) set({ phone });
        return true;
      } catch (err) {
        set({ error: toUiError(err) });
        return false;
      }
    },
    async refreshCallHistory() {
      if (!get().session) return;
      try {
        set({ callHistory: await api.request('call.history', { limit: 50 }) });
      } catch (err) {
        set({ error: toUiError(err) });
      }
    },
    setMediaError(mediaError) {
      set({ mediaError });
    },
    setDevices(devices) {
      set({ devices });
    },
    async configureSoftphone(account) {
      set({ error: null });
      try {
        set({ sipHealth: await api.request('softphone.configure', account) });
        return true;
      } catch (err) {
        set({ error: toUiError(err) });
        return false;
      }
    },
  });

const createUiSlice =
  (initialLanguage: Language): Slice<UiSlice> =>
  (set) => ({
    language: initialLanguage,
    connection: 'open',
    setLanguage: (language) => set({ language }),
    setConnection: (connection) => set({ connection }),
  });

export type DeskStore = StoreApi<DeskState>;

export function createDeskStore(api: DeskApi, language: Language = 'zh-CN'): DeskStore {
  const store = createStore<DeskState>()((...a) => ({
    ...createSessionSlice(api)(...a),
    ...createUiSlice(language)(...a),
    ...createLookupSlice(api)(...a),
    ...createSoftphoneSlice(api)(...a),
  }));
  api.on('softphone.health', (sipHealth) => store.setState({ sipHealth }));
  api.on('softphone.changed', (phone) => {
    const before = store.getState().phone;
    store.setState({ phone });
    // A call just ended or ACW just finished: the history has a new or completed row.
    const ended = phone.call?.phase === 'ended' && before?.call?.phase !== 'ended';
    if (ended || (before?.acw && !phone.acw)) void store.getState().refreshCallHistory();
  });
  api.on('screenPop.ready', (callPop) => store.setState({ callPop }));
  // A background refresh brought fresh tracking for the waybill on screen: show it.
  api.on('waybill.refreshed', ({ number }) => {
    const { detail, detailOpen } = store.getState();
    if (detailOpen && detail?.waybill.number === number) void store.getState().openWaybill(number);
  });
  // Main is the source of truth: every session change it announces replaces ours.
  api.on('session.changed', (session) => {
    store.setState({ session });
    if (session)
      void store
        .getState()
        .refreshStateLog()
        .catch(() => undefined);
    // Signed out (here or in another window): nothing of the last agent's lookups stays on screen.
    else store.setState({ stateLog: [], ...clearedLookup });
  });
  return store;
}

export const DeskStoreContext = createContext<DeskStore | null>(null);

export function useDesk<T>(selector: (state: DeskState) => T): T {
  const store = useContext(DeskStoreContext);
  if (!store) throw new Error('useDesk outside <DeskStoreContext.Provider>');
  return useStore(store, selector);
}
