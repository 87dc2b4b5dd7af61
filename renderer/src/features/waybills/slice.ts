/** 查件: the search, its phone pop, the open waybill and the numbers revealed on it. */
import type { DeskApi } from '@shared/contract';
import type {
  revealReasons,
  ScreenPop,
  SearchResult,
  WaybillDetail,
} from '@shared/waybills/contract';
import type { DeskStore, SliceCreator } from '../../app/store';
import { toUiError } from '../../ui/errors';

export interface WaybillsSlice {
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
  /** Forgets every lookup (the agent signed out). */
  resetLookup(): void;
}

const clearedLookup = {
  searchResult: null,
  phonePop: null,
  detail: null,
  detailOpen: false,
  revealed: {},
} as const;

export const createWaybillsSlice =
  (api: DeskApi): SliceCreator<WaybillsSlice> =>
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
      resetLookup() {
        set(clearedLookup);
      },
    };
  };

export function connectWaybills(api: DeskApi, store: DeskStore): void {
  // A background refresh brought fresh tracking for the waybill on screen: show it.
  api.on('waybill.refreshed', ({ number }) => {
    const { detail, detailOpen } = store.getState();
    if (detailOpen && detail?.waybill.number === number) void store.getState().openWaybill(number);
  });
}
