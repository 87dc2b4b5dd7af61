/**
 * The documents domain: letters and reports printed to PDF through the platform (Chromium's
 * print-to-PDF in both shells: the Electron window's `printToPDF`, the browser host's headless
 * Chromium; ADR 0016). The templates are pure (shared/documents/*.ts: data → HTML); main fills them
 * with the owning feature's data, prints, and answers the PDF for the console to save.
 *
 * A complaint letter: the ticket's owner (首问) or a shift lead; anyone else FORBIDDEN, an unknown
 * ticket NOT_FOUND. The shift report (值班报告): an agent's own shifts, a lead's any agent's; an
 * unknown shift NOT_FOUND; its figures come from the metrics feature (`shiftReportData`).
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { letterKinds } from './letters';

/** A printed document is tens of KB; 8 MB of base64 is far beyond any letter. */
export const PDF_BASE64_MAX = 8 * 1024 * 1024;

export const printedDocumentSchema = z.strictObject({
  /** What to save it as, e.g. "致歉信-TS20261122-0001.pdf" (no path, no reserved characters). */
  fileName: z.string().min(5).max(200),
  pdfBase64: z.string().max(PDF_BASE64_MAX),
});
export type PrintedDocument = z.infer<typeof printedDocumentSchema>;

/**
 * The letterhead as a lead sets it (`documents.setLetterhead`; shared/documents/html.ts
 * `Letterhead`): the company may be empty (the service desk signs alone), the department not;
 * the hotline is digits with + - ( ) and spaces.
 */
export const letterheadInputSchema = z.strictObject({
  company: z.string().trim().max(60),
  department: z.string().trim().min(1).max(30),
  hotline: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9+\-() ]*$/, 'format'),
  address: z.string().trim().max(120),
});

export type DocumentHandlers = HandlersOf<typeof documentRequests>;

const letterheadResult = z.strictObject({
  company: z.string(),
  department: z.string(),
  hotline: z.string(),
  address: z.string(),
});

export const documentRequests = defineRequests({
  /** The letterhead every printed document carries (leads; the 管理 tab). */
  'documents.letterhead': { args: z.strictObject({}), result: letterheadResult },
  /** Set it (leads, audited). */
  'documents.setLetterhead': { args: letterheadInputSchema, result: letterheadResult },
  /** The apology (致歉信) or negotiation (协商函) letter of a complaint ticket, as a PDF. */
  'documents.complaintLetter': {
    args: z.strictObject({
      ticketId: z.string().trim().min(1).max(64),
      kind: z.enum(letterKinds),
    }),
    result: printedDocumentSchema,
  },
  /** The printable shift report of a shift (absent: the caller's current or last shift). */
  'documents.shiftReport': {
    args: z.strictObject({ shiftId: z.string().trim().min(1).max(64).optional() }),
    result: printedDocumentSchema,
  },
});

export const documentEvents = defineEvents({});
