/**
 * The handover book (业务交接本): the shift-end form (opened when main refuses a sign-out for want
 * of a handover), the next shift's acknowledgement, the lead's review and the history search.
 */
import type {
  Compiled,
  DeskApi,
  Handover,
  HandoverLine,
  HistoryQuery,
  RequestArgs,
  RequestResult,
} from '@shared/contract';
import type { DeskStore, SliceCreator } from '../../app/store';
import type { UiError } from '../../ui/errors';
import { toUiError } from '../../ui/errors';

type Person = RequestResult<'handover.team'>[number];
type OpenShift = RequestResult<'handover.openShifts'>[number];

export interface HandoverSlice {
  /** The shift's open items while the form is open (null: closed). */
  handoverDraft: Compiled | null;
  /**
   * Once my shift's handover is written: how many open items came up after it and are not in the
   * book, as main last compiled them (the 可以签退 prompt shows only at 0). Null: none written.
   */
  handoverLate: number | null;
  /** Handovers of my team waiting for my acknowledgement. */
  handoverAwaiting: HandoverLine[];
  /** Leads: the team's handovers not yet signed off; the open shifts. */
  handoverUnsigned: HandoverLine[];
  handoverOpenShifts: OpenShift[];
  handoverTeam: Person[];
  /** The handover shown in full (to acknowledge, review or read from the history). */
  handoverShown: Handover | null;
  handoverHistory: HandoverLine[] | null;
  /** Bumped when the 交接 tab should come to the front (sign-out refused, a handover awaits). */
  handoverTabRequest: number;
  openHandoverForm(): Promise<void>;
  /**
   * After my shift's handover is written, compiles the shift again (an item may have come up):
   * the items missing from the book then show instead of the 可以签退 prompt.
   */
  refreshHandoverLate(): Promise<void>;
  closeHandoverForm(): void;
  submitHandover(args: RequestArgs<'handover.submit'>): Promise<UiError | null>;
  /**
   * Puts every open item missing from the book into it (as main sees them now), then compiles
   * again — also after a refusal, so the list on screen is never stale.
   */
  addCompiledToHandover(): Promise<UiError | null>;
  loadHandoverAwaiting(): Promise<void>;
  showHandover(id: string | null): Promise<void>;
  acknowledgeHandoverItem(
    itemId: string,
    decision: 'accept' | 'query',
    comment: string | null,
  ): Promise<UiError | null>;
  loadHandoverReview(): Promise<void>;
  /** Leads: the team's open shifts again (their counts of items not in the book). */
  loadHandoverOpenShifts(): Promise<void>;
  commentHandoverItem(itemId: string, comment: string): Promise<UiError | null>;
  reassignHandoverItem(itemId: string, agentId: string): Promise<UiError | null>;
  signOffHandover(id: string, note: string | null): Promise<UiError | null>;
  overrideSignOut(shiftId: string, reason: string): Promise<UiError | null>;
  searchHandovers(q: HistoryQuery): Promise<UiError | null>;
}

const empty = {
  handoverDraft: null,
  handoverLate: null,
  handoverAwaiting: [],
  handoverUnsigned: [],
  handoverOpenShifts: [],
  handoverTeam: [],
  handoverShown: null,
  handoverHistory: null,
};

export const createHandoverSlice =
  (api: DeskApi): SliceCreator<HandoverSlice> =>
  (set, get) => {
    /** Runs a request whose refusal the form shows next to it (returned, not in the alert). */
    const attempt = async (fn: () => Promise<void>): Promise<UiError | null> => {
      try {
        await fn();
        return null;
      } catch (err) {
        return toUiError(err);
      }
    };
    /** Runs a request whose refusal goes to the console's alert. */
    const run = async (fn: () => Promise<void>): Promise<void> => {
      try {
        await fn();
      } catch (err) {
        set({ error: toUiError(err) });
      }
    };
    const shown = (h: Handover) => {
      if (get().handoverShown?.id === h.id) set({ handoverShown: h });
    };
    const compile = async (): Promise<Compiled> => {
      const draft = await api.request('handover.compile', {});
      set({ handoverLate: draft.handover ? draft.notInBook.length : null });
      return draft;
    };
    return {
      ...empty,
      handoverTabRequest: 0,
      async openHandoverForm() {
        await run(async () => {
          set({ handoverDraft: await compile() });
        });
      },
      async refreshHandoverLate() {
        if (!get().session || get().handoverLate === null) return;
        await run(async () => {
          const draft = await compile();
          // Something is missing: its notice shows (again, if it was closed); one on screen follows.
          if (draft.notInBook.length > 0 || get().handoverDraft?.handover) {
            set({ handoverDraft: draft });
          }
        });
      },
      closeHandoverForm() {
        set({ handoverDraft: null });
      },
      async submitHandover(args) {
        return attempt(async () => {
          const h = await api.request('handover.submit', args);
          set({ handoverDraft: null, handoverShown: h });
          // The shift's own handover carries every item open when main wrote it; a correction
          // carries only what it adds.
          if (args.correctsId === null) set({ handoverLate: 0 });
        });
      },
      async addCompiledToHandover() {
        const error = await attempt(async () => {
          set({ handoverShown: await api.request('handover.addCompiled', { all: true }) });
        });
        await get().openHandoverForm();
        return error;
      },
      async loadHandoverAwaiting() {
        if (!get().session) return;
        await run(async () => {
          set({ handoverAwaiting: await api.request('handover.awaitingMe', {}) });
        });
      },
      async showHandover(id) {
        if (id === null) {
          set({ handoverShown: null });
          return;
        }
        await run(async () => {
          set({ handoverShown: await api.request('handover.get', { id }) });
        });
      },
      async acknowledgeHandoverItem(itemId, decision, comment) {
        return attempt(async () => {
          shown(await api.request('handover.acknowledge', { itemId, decision, comment }));
          await get().loadHandoverAwaiting();
        });
      },
      async loadHandoverReview() {
        if (get().session?.agent.role !== 'lead') return;
        await run(async () => {
          const [handoverUnsigned, handoverOpenShifts, handoverTeam] = await Promise.all([
            api.request('handover.open', {}),
            api.request('handover.openShifts', {}),
            api.request('handover.team', {}),
          ]);
          set({ handoverUnsigned, handoverOpenShifts, handoverTeam });
        });
      },
      async loadHandoverOpenShifts() {
        if (get().session?.agent.role !== 'lead') return;
        await run(async () => {
          set({ handoverOpenShifts: await api.request('handover.openShifts', {}) });
        });
      },
      async commentHandoverItem(itemId, comment) {
        return attempt(async () => {
          shown(await api.request('handover.comment', { itemId, comment }));
        });
      },
      async reassignHandoverItem(itemId, agentId) {
        return attempt(async () => {
          shown(await api.request('handover.reassign', { itemId, agentId }));
        });
      },
      async signOffHandover(id, note) {
        return attempt(async () => {
          shown(await api.request('handover.signOff', { id, note }));
          await get().loadHandoverReview();
        });
      },
      async overrideSignOut(shiftId, reason) {
        return attempt(async () => {
          await api.request('handover.overrideSignOut', { shiftId, reason });
          await get().loadHandoverReview();
        });
      },
      async searchHandovers(q) {
        return attempt(async () => {
          set({ handoverHistory: await api.request('handover.history', q) });
        });
      },
    };
  };

/** A sign-out main refused because the shift's open items have no handover yet. */
export function isHandoverRequired(error: UiError | null): boolean {
  return error?.code === 'HANDOVER_REQUIRED';
}

/**
 * Runs `task` now, or — while a run is in flight — once more after it, however many calls came
 * meanwhile (the last run starts after the last change, so it sees it).
 */
function coalesced(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const go = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void task().finally(() => {
      running = false;
      if (again) {
        again = false;
        go();
      }
    });
  };
  return go;
}

export function connectHandover(api: DeskApi, store: DeskStore): void {
  api.on('handover.changed', ({ id }) => {
    const s = store.getState();
    void s.loadHandoverAwaiting();
    void s.loadHandoverReview();
    if (s.handoverShown?.id === id) void s.showHandover(id);
    void s.refreshHandoverLate();
  });
  // What makes an open item of a shift (a call-back promised, a ticket registered, an order
  // taken or delivered, each closed again): my handover may lack it now, and the lead's counts of
  // items not in each shift's book change — nothing else of the lead's review does. Each is asked
  // once at a time: a burst of changes (an outbox delivering a queue) costs one more request.
  const refreshLate = coalesced(() => store.getState().refreshHandoverLate());
  const refreshCounts = coalesced(() => store.getState().loadHandoverOpenShifts());
  const itemsChanged = () => {
    refreshLate();
    refreshCounts();
  };
  api.on('callbacks.changed', itemsChanged);
  api.on('complaints.changed', itemsChanged);
  api.on('orders.changed', itemsChanged);
  store.subscribe((state, before) => {
    // Sign-out refused for want of a handover (or of items that came up after it): the form with
    // the compiled items, or the items new since the handover, instead.
    if (state.error !== before.error && isHandoverRequired(state.error)) {
      store.setState({ error: null, handoverTabRequest: state.handoverTabRequest + 1 });
      void state.openHandoverForm();
    }
    if (state.session && !before.session) {
      // Signed in: a handover waiting for me comes to the front.
      void (async () => {
        await store.getState().loadHandoverAwaiting();
        await store.getState().loadHandoverReview();
        if (store.getState().handoverAwaiting.length > 0) {
          store.setState({ handoverTabRequest: store.getState().handoverTabRequest + 1 });
        }
      })();
    }
    if (!state.session && before.session) store.setState(empty);
  });
}
