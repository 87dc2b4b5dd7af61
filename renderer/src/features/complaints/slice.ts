/** Complaint tickets (投诉): the lists, the open ticket, registering, advancing, photos. */
import type { Ticket, TicketListScope, TicketSummary } from '@shared/complaints/contract';
import { fileTypeFromBuffer } from 'file-type/core';
import { attachmentMimes, maxAttachmentBytes } from '@shared/complaints/contract';
import type { ComplaintType, Severity } from '@shared/complaints/compensation';
import type { DeskApi, RequestArgs } from '@shared/contract';
import type { DeskStore, SliceCreator } from '../../app/store';
import type { UiError } from '../../ui/errors';
import { toUiError } from '../../ui/errors';

/** What the form starts from: the call's customer, a waybill's drawer, or nothing. */
export interface ComplaintPrefill {
  callId: string | null;
  customerId: string | null;
  customerName: string;
  waybillNumbers: string[];
}

/** A photo the form holds until the ticket is registered, and why it cannot go (null: it can). */
export interface PendingPhoto {
  file: File;
  problem: 'too_large' | 'empty' | 'not_image' | 'too_many' | null;
}

/**
 * The checks main makes on a photo (size, then its type from the magic bytes with the same
 * library), made when the form takes it, so the form says at once which photo cannot go. The
 * count per ticket is the form's to check (it knows the order).
 */
export async function checkPhoto(file: File): Promise<PendingPhoto> {
  if (file.size === 0) return { file, problem: 'empty' };
  if (file.size > maxAttachmentBytes) return { file, problem: 'too_large' };
  const head = new Uint8Array(await file.slice(0, 4100).arrayBuffer());
  const mime = (await fileTypeFromBuffer(head))?.mime as string | undefined;
  const image = (attachmentMimes as readonly (string | undefined)[]).includes(mime);
  return { file, problem: image ? null : 'not_image' };
}

/** Photos taken with the form that main refused after the ticket was registered. */
export interface PhotoProblems {
  ticketId: string;
  items: { fileName: string; error: UiError }[];
}

export interface ComplaintsSlice {
  complaintsScope: TicketListScope;
  complaintsFilter: { type: ComplaintType | null; severity: Severity | null };
  complaints: TicketSummary[];
  complaintsMore: boolean;
  /** The lists were read (the 投诉 tab was opened): main's changes refresh them from then on. */
  complaintsLoaded: boolean;
  /** The lead's team overdue list (the header's drawer), once opened. */
  complaintsOverdue: TicketSummary[] | null;
  /** My open tickets (the tab's count). */
  complaintsMine: number;
  complaintForm: ComplaintPrefill | null;
  ticket: Ticket | null;
  /** The registered ticket's photos that did not go (shown on the ticket). */
  ticketPhotoProblems: PhotoProblems | null;
  openComplaintForm(prefill?: Partial<ComplaintPrefill>): void;
  closeComplaintForm(): void;
  setComplaintsScope(scope: TicketListScope): Promise<void>;
  setComplaintsFilter(filter: {
    type: ComplaintType | null;
    severity: Severity | null;
  }): Promise<void>;
  loadComplaints(): Promise<void>;
  /** The team's overdue tickets (leads). */
  loadOverdueComplaints(): Promise<void>;
  /**
   * Registers the ticket, then sends the form's photos to it one by one (the ticket stays
   * registered whatever happens to a photo; the ones refused are kept in `ticketPhotoProblems`).
   */
  registerComplaint(
    args: RequestArgs<'complaints.register'>,
    photos?: readonly File[],
  ): Promise<UiError | null>;
  openTicket(id: string): Promise<void>;
  closeTicket(): void;
  /** A change to the open ticket; a refusal comes back (its field issues go by the fields). */
  changeTicket<
    N extends
      | 'complaints.advance'
      | 'complaints.clockDone'
      | 'complaints.escalate'
      | 'complaints.close'
      | 'complaints.attachFinish',
  >(
    name: N,
    args: RequestArgs<N>,
  ): Promise<UiError | null>;
  /** Sends a photo in chunks; a refusal (too big, not an image) comes back. */
  attachPhoto(ticketId: string, file: File): Promise<UiError | null>;
}

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

export const createComplaintsSlice =
  (api: DeskApi): SliceCreator<ComplaintsSlice> =>
  (set, get) => {
    /** After a change: the lists that are on screen. */
    const refresh = async () => {
      if (get().complaintsLoaded) await get().loadComplaints();
      if (get().complaintsOverdue !== null) await get().loadOverdueComplaints();
    };
    return {
      complaintsScope: 'mine',
      complaintsFilter: { type: null, severity: null },
      complaints: [],
      complaintsMore: false,
      complaintsLoaded: false,
      complaintsOverdue: null,
      complaintsMine: 0,
      complaintForm: null,
      ticket: null,
      ticketPhotoProblems: null,
      openComplaintForm(prefill = {}) {
        set({
          complaintForm: {
            callId: null,
            customerId: null,
            customerName: '',
            waybillNumbers: [],
            ...prefill,
          },
        });
      },
      closeComplaintForm() {
        set({ complaintForm: null });
      },
      async setComplaintsScope(scope) {
        set({ complaintsScope: scope });
        await get().loadComplaints();
      },
      async setComplaintsFilter(filter) {
        set({ complaintsFilter: filter });
        await get().loadComplaints();
      },
      async loadComplaints() {
        const session = get().session;
        if (!session) return;
        const lead = session.agent.role === 'lead';
        const scope =
          !lead && (get().complaintsScope === 'team' || get().complaintsScope === 'overdue')
            ? 'mine'
            : get().complaintsScope;
        try {
          const { type, severity } = get().complaintsFilter;
          const [list, mine] = await Promise.all([
            api.request('complaints.list', { scope, type, severity, limit: 200 }),
            api.request('complaints.list', {
              scope: 'mine',
              type: null,
              severity: null,
              limit: 500,
            }),
          ]);
          set({
            complaintsLoaded: true,
            complaintsScope: scope,
            complaints: list.items,
            complaintsMore: list.more,
            complaintsMine: mine.items.length,
          });
        } catch (err) {
          set({ error: toUiError(err) });
        }
      },
      async loadOverdueComplaints() {
        if (get().session?.agent.role !== 'lead') return;
        try {
          const overdue = await api.request('complaints.list', {
            scope: 'overdue',
            type: null,
            severity: null,
            limit: 200,
          });
          set({ complaintsOverdue: overdue.items });
        } catch (err) {
          set({ error: toUiError(err) });
        }
      },
      async registerComplaint(args, photos = []) {
        let ticket: Ticket;
        try {
          ticket = await api.request('complaints.register', args);
        } catch (err) {
          return toUiError(err);
        }
        set({ complaintForm: null, ticket, ticketPhotoProblems: null });
        const items: PhotoProblems['items'] = [];
        for (const file of photos) {
          const refused = await get().attachPhoto(ticket.id, file);
          if (refused) items.push({ fileName: file.name, error: refused });
        }
        if (items.length > 0) set({ ticketPhotoProblems: { ticketId: ticket.id, items } });
        await refresh();
        return null;
      },
      async openTicket(id) {
        try {
          set({ ticket: await api.request('complaints.get', { id }) });
        } catch (err) {
          set({ error: toUiError(err) });
        }
      },
      closeTicket() {
        set({ ticket: null, ticketPhotoProblems: null });
      },
      async changeTicket(name, args) {
        try {
          const ticket = (await api.request(name, args as never)) as Ticket;
          set({ ticket });
          await refresh();
          return null;
        } catch (err) {
          return toUiError(err);
        }
      },
      async attachPhoto(ticketId, file) {
        // Too big (or empty): said at once, nothing sent (main refuses it too).
        if (file.size > maxAttachmentBytes || file.size === 0) {
          return {
            code: 'BAD_ARGUMENT',
            message: 'Photo too large or empty',
            issues: [{ path: 'file', message: file.size === 0 ? 'empty' : 'too_large' }],
          };
        }
        try {
          const { uploadId, chunkBytes } = await api.request('complaints.attachBegin', {
            id: ticketId,
            fileName: file.name.slice(0, 120) || 'photo',
            size: file.size,
          });
          const bytes = new Uint8Array(await file.arrayBuffer());
          for (let i = 0, index = 0; i < bytes.length; i += chunkBytes, index++) {
            await api.request('complaints.attachChunk', {
              uploadId,
              index,
              base64: bytesToBase64(bytes.subarray(i, i + chunkBytes)),
            });
          }
          return await get().changeTicket('complaints.attachFinish', { uploadId });
        } catch (err) {
          return toUiError(err);
        }
      },
    };
  };

export function connectComplaints(api: DeskApi, store: DeskStore): void {
  api.on('complaints.changed', ({ id }) => {
    const s = store.getState();
    if (s.complaintsLoaded) void s.loadComplaints();
    if (s.complaintsOverdue !== null) void s.loadOverdueComplaints();
    if (s.ticket?.id === id) void s.openTicket(id);
  });
  // Signed out: nothing of the last agent's stays.
  store.subscribe((state, before) => {
    if (!state.session && before.session) {
      store.setState({
        complaints: [],
        complaintsLoaded: false,
        complaintsOverdue: null,
        complaintsMine: 0,
        ticket: null,
        ticketPhotoProblems: null,
        complaintForm: null,
        complaintsScope: 'mine',
      });
    }
  });
}
