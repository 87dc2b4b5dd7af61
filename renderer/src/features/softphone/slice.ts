/** The softphone: SIP health, main's view of the call and ACW, the caller's pop, call history. */
import type { DeskApi, RequestArgs, RequestName } from '@shared/contract';
import type { CallRecord, SipHealth, SoftphoneView } from '@shared/softphone/contract';
import type { ScreenPop } from '@shared/waybills/contract';
import type { DeskStore, SliceCreator } from '../../app/store';
import { toUiError } from '../../ui/errors';
import type { DeviceChoice, DeviceLists } from './media/engine';

export type CallRequest = Extract<
  RequestName,
  `call.${string}` | `acw.${string}` | 'softphone.setOptions' | 'softphone.state'
>;

export interface SoftphoneSlice {
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

function isSoftphoneView(v: unknown): v is SoftphoneView {
  return typeof v === 'object' && v !== null && 'options' in v && 'call' in v;
}

/** The softphone's part of the console's first read (the shell's init sets it with the rest). */
export async function readSoftphone(
  api: DeskApi,
): Promise<Pick<SoftphoneSlice, 'sipHealth' | 'phone'>> {
  const [sipHealth, phone] = await Promise.all([
    api.request('softphone.health', {}),
    api.request('softphone.state', {}),
  ]);
  return { sipHealth, phone };
}

export const createSoftphoneSlice =
  (api: DeskApi): SliceCreator<SoftphoneSlice> =>
  (set, get) => ({
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

export function connectSoftphone(api: DeskApi, store: DeskStore): void {
  api.on('softphone.health', (sipHealth) => store.setState({ sipHealth }));
  api.on('softphone.changed', (phone) => {
    const before = store.getState().phone;
    store.setState({ phone });
    // A call just ended or ACW just finished: the history has a new or completed row.
    const ended = phone.call?.phase === 'ended' && before?.call?.phase !== 'ended';
    if (ended || (before?.acw && !phone.acw)) void store.getState().refreshCallHistory();
  });
  api.on('screenPop.ready', (callPop) => store.setState({ callPop }));
}

/** Idle and registered: a number may be dialled now (click-to-dial from other features). */
export const selectCanDial = (s: Pick<SoftphoneSlice, 'sipHealth' | 'phone'>): boolean =>
  s.sipHealth?.state === 'registered' &&
  !s.phone?.acw &&
  (!s.phone?.call || s.phone.call.phase === 'ended');
