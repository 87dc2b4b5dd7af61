/**
 * The documents feature's public entry: printing a complaint ticket's letters to PDF (the ticket
 * view places `PrintLetterButton`); the templates are shared/documents/, the printing main's.
 */
export type { DocumentsSlice, PrintOutcome } from './slice';
export { createDocumentsSlice } from './slice';
export { documentTexts } from './i18n';
export { PrintLetterButton, usePrintLetter, savePdf } from './components/PrintLetterButton';
