/**
 * The documents feature's public entry: printing a complaint ticket's letters (the ticket view
 * places `PrintLetterButton`) and the shift report (the metrics panel places
 * `PrintShiftReportButton`) to PDF; the templates are shared/documents/, the printing main's.
 */
export type { DocumentsSlice, PrintOutcome, PrintRequest } from './slice';
export { createDocumentsSlice } from './slice';
export { documentTexts } from './i18n';
export { PrintDocumentButton, usePrintDocument, savePdf } from './components/PrintDocumentButton';
export { PrintLetterButton, usePrintLetter } from './components/PrintLetterButton';
export { PrintShiftReportButton } from './components/PrintShiftReportButton';
export { LetterheadCard } from './components/LetterheadCard';
