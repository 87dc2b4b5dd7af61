/**
 * The documents feature (public entry): complaint letters (致歉信, 协商函) and the shift report
 * (值班报告) printed to PDF through the platform's PdfPrinter (ADR 0016). The templates are
 * shared/documents/; the ticket data comes from the complaints feature (`letterData`), the shift's
 * from the metrics feature (`shiftReportData`), passed in by the composition root.
 */
import type { DocumentHandlers } from '@shared/documents/contract';
import type { LetterInput } from '@shared/documents/letters';
import type { Core, Feature } from '../../platform/feature';
import type { PdfPrinter } from '../../platform/ports';
import type { DeskSessionService } from '../session';
import { DocumentsRepo } from './documents-repo';
import type { ShiftReportSource } from './documents-service';
import { DocumentsService } from './documents-service';

export { DocumentsService, LETTERHEAD_SETTING } from './documents-service';
export type { ShiftReportSource } from './documents-service';

export interface DocumentsFeatureDeps {
  session: DeskSessionService;
  printer: PdfPrinter | null;
  letterData(ticketId: string): LetterInput;
  shiftReportData(ref: { shiftId: string } | { agentId: string }): ShiftReportSource;
}

export interface DocumentsFeature extends Feature<DocumentHandlers> {
  documents: DocumentsService;
}

export function createDocumentsFeature(core: Core, deps: DocumentsFeatureDeps): DocumentsFeature {
  const repo = new DocumentsRepo(core.db);
  const documents = new DocumentsService({
    db: core.db,
    session: deps.session,
    audit: core.audit,
    newId: core.newId,
    shiftAgentId: (shiftId) => repo.shiftAgentId(shiftId),
    settings: core.settings,
    clock: core.clock,
    logger: core.logger,
    printer: deps.printer,
    letterData: deps.letterData,
    shiftReportData: deps.shiftReportData,
  });
  const handlers: DocumentHandlers = {
    'documents.complaintLetter': ({ ticketId, kind }) => documents.complaintLetter(ticketId, kind),
    'documents.shiftReport': ({ shiftId }) => documents.shiftReport(shiftId),
    'documents.letterhead': () => documents.letterheadView(),
    'documents.setLetterhead': (h) => documents.setLetterhead(h),
  };
  return { handlers, documents, dispose: () => undefined };
}
