/**
 * Documents: printing a complaint ticket's letters and the shift report to PDF (main prints; the
 * console saves).
 */
import type { DeskApi, RequestArgs } from '@shared/contract';
import type { PrintedDocument } from '@shared/documents/contract';
import type { SliceCreator } from '../../app/store';
import type { UiError } from '../../ui/errors';
import { toUiError } from '../../ui/errors';

export type PrintOutcome = { ok: true; doc: PrintedDocument } | { ok: false; error: UiError };

/** A document main prints: its request and arguments. */
export type PrintRequest =
  | { name: 'documents.complaintLetter'; args: RequestArgs<'documents.complaintLetter'> }
  | { name: 'documents.shiftReport'; args: RequestArgs<'documents.shiftReport'> };

/** Which document a print is of (one button each): `letter/<ticketId>/<kind>`, `shift/<id>`. */
export function printKey(r: PrintRequest): string {
  switch (r.name) {
    case 'documents.complaintLetter':
      return `letter/${r.args.ticketId}/${r.args.kind}`;
    case 'documents.shiftReport':
      return `shift/${r.args.shiftId ?? 'current'}`;
  }
}

function request(api: DeskApi, r: PrintRequest): Promise<PrintedDocument> {
  switch (r.name) {
    case 'documents.complaintLetter':
      return api.request(r.name, r.args);
    case 'documents.shiftReport':
      return api.request(r.name, r.args);
  }
}

export interface DocumentsSlice {
  /**
   * The document being printed (`printKey`), or null. One at a time: each is a Chromium print
   * run of a few seconds, and a second click must not start another.
   */
  printingDocument: string | null;
  /** Prints a document: the PDF, or main's refusal (null when another print is running). */
  printDocument(r: PrintRequest): Promise<PrintOutcome | null>;
}

export const createDocumentsSlice =
  (api: DeskApi): SliceCreator<DocumentsSlice> =>
  (set, get) => ({
    printingDocument: null,
    async printDocument(r) {
      if (get().printingDocument !== null) return null;
      set({ printingDocument: printKey(r) });
      try {
        return { ok: true, doc: await request(api, r) };
      } catch (err) {
        return { ok: false, error: toUiError(err) };
      } finally {
        set({ printingDocument: null });
      }
    },
  });
