/**
 * 查件: the search, its phone pop, the open waybill and the numbers revealed on it; 新建客户 for a
 * number no customer has.
 */
import type { DeskApi } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type {
  revealReasons,
  ScreenPop,
  SearchResult,
  WaybillDetail,
} from '@shared/waybills/contract';
import type { CustomerCreated, CustomerFieldIssue, CustomerInput } from '@shared/waybills/customer';
import { customerFieldIssues } from '@shared/waybills/customer';
import type { DeskStore, SliceCreator } from '../../app/store';
import type { UiError } from '../../ui/errors';
import { toUiError } from '../../ui/errors';

/** What creating a customer came to, for the form: done, or what to show next to which field. */
export type CreateCustomerOutcome =
  { created: true } | { created: false; issues: CustomerFieldIssue[]; error: UiError | null };

/** Said on the card of the number a customer was just created for. */
export interface CustomerNotice {
  number: string;
  name: string;
  sharedPhones: CustomerCreated['sharedPhones'];
}

export interface WaybillsSlice {
  searchResult: SearchResult | null;
  /** The screen-pop view of the phone number searched for (null for other searches). */
  phonePop: ScreenPop | null;
  searching: boolean;
  detail: WaybillDetail | null;
  detailOpen: boolean;
  revealed: Partial<Record<'sender' | 'receiver', string>>;
  /** The 新建客户 form, opened from the card of `origin` (a searched number or a caller's pop). */
  customerForm: { origin: ScreenPop } | null;
  /**
   * A card's pop looked up again after a customer was created from it. The lookup's own pop is
   * replaced; a call's pop belongs to the softphone, so its card shows `to` while given `from`.
   */
  refreshedPop: { from: ScreenPop; to: ScreenPop } | null;
  customerNotice: CustomerNotice | null;
  /** Runs the search; a single exact waybill-number hit opens its detail at once. */
  search(text: string): Promise<void>;
  openWaybill(number: string): Promise<void>;
  closeWaybill(): void;
  revealPhone(party: 'sender' | 'receiver', reason: (typeof revealReasons)[number]): Promise<void>;
  addNote(text: string): Promise<boolean>;
  openCustomerForm(origin: ScreenPop): void;
  closeCustomerForm(): void;
  createCustomer(input: CustomerInput): Promise<CreateCustomerOutcome>;
  /** Forgets every lookup (the agent signed out). */
  resetLookup(): void;
}

const clearedLookup = {
  searchResult: null,
  phonePop: null,
  detail: null,
  detailOpen: false,
  revealed: {},
  customerForm: null,
  refreshedPop: null,
  customerNotice: null,
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
      customerForm: null,
      refreshedPop: null,
      customerNotice: null,
      async search(text) {
        set({ searching: true, error: null });
        try {
          const searchResult = await api.request('search.query', { text, limit: 1000 });
          const phonePop =
            searchResult.kind === 'phone'
              ? await api.request('screenPop.lookup', { number: text.replace(/\s+/g, '') })
              : null;
          set({ searchResult, phonePop, customerNotice: null });
          // The number was typed whole and exists: nothing to choose, show it.
          const [only] = searchResult.rows;
          if (searchResult.kind === 'waybill' && searchResult.rows.length === 1 && only) {
            await get().openWaybill(only.number);
          }
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
      openCustomerForm(origin) {
        set({ customerForm: { origin } });
      },
      closeCustomerForm() {
        set({ customerForm: null });
      },
      async createCustomer(input) {
        const origin = get().customerForm?.origin ?? null;
        let created: CustomerCreated;
        try {
          created = await api.request('customer.create', input);
        } catch (err) {
          if (err instanceof ContractError && err.code === 'BAD_ARGUMENT' && err.issues) {
            return { created: false, issues: customerFieldIssues(err.issues), error: null };
          }
          return { created: false, issues: [], error: toUiError(err) };
        }
        set({
          customerForm: null,
          customerNotice: origin && {
            number: origin.number,
            name: created.customer.name,
            sharedPhones: created.sharedPhones,
          },
        });
        // The card the form was opened from shows the new customer.
        if (origin && origin.number.length >= 3) {
          try {
            const fresh = await api.request('screenPop.lookup', { number: origin.number });
            if (get().phonePop === origin) set({ phonePop: fresh });
            else set({ refreshedPop: { from: origin, to: fresh } });
          } catch (err) {
            fail(err);
          }
        }
        return { created: true };
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
