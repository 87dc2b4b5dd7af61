/** Documents: printing a complaint ticket's letters to PDF (main prints; the console saves). */
import type { DeskApi } from '@shared/contract';
import type { PrintedDocument } from '@shared/documents/contract';
import type { LetterKind } from '@shared/documents/letters';
import type { SliceCreator } from '../../app/store';
import type { UiError } from '../../ui/errors';
import { toUiError } from '../../ui/errors';

export type PrintOutcome = { ok: true; doc: PrintedDocument } | { ok: false; error: UiError };

export interface DocumentsSlice {
  /**
   * The letter being printed (`<ticketId>/<kind>`), or null. One at a time: each is a Chromium
   * print run of a few seconds, and a second click must not start another.
   */
  printingLetter: string | null;
  /** Prints a ticket's letter: the PDF, or main's refusal (null when another print is running). */
  printLetter(ticketId: string, kind: LetterKind): Promise<PrintOutcome | null>;
}

export const letterKey = (ticketId: string, kind: LetterKind) => `${ticketId}/${kind}`;

export const createDocumentsSlice =
  (api: DeskApi): SliceCreator<DocumentsSlice> =>
  (set, get) => ({
    printingLetter: null,
    async printLetter(ticketId, kind) {
      if (get().printingLetter !== null) return null;
      set({ printingLetter: letterKey(ticketId, kind) });
      try {
        return {
          ok: true,
          doc: await api.request('documents.complaintLetter', { ticketId, kind }),
        };
      } catch (err) {
        return { ok: false, error: toUiError(err) };
      } finally {
        set({ printingLetter: null });
      }
    },
  });
