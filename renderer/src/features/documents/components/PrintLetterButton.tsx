import { useTranslation } from 'react-i18next';
import type { LetterKind } from '@shared/documents/letters';
import { PrintDocumentButton, usePrintDocument } from './PrintDocumentButton';

/** Prints one letter of a complaint ticket and saves it. */
export function usePrintLetter(ticketId: string, kind: LetterKind) {
  return usePrintDocument({ name: 'documents.complaintLetter', args: { ticketId, kind } });
}

/**
 * The button a ticket view places to print its apology (致歉信) or negotiation letter (协商函):
 * main fills the template with the ticket's data and prints it to PDF; the file is saved.
 */
export function PrintLetterButton({
  ticketId,
  kind,
  disabled = false,
}: {
  ticketId: string;
  kind: LetterKind;
  disabled?: boolean;
}) {
  const { t } = useTranslation('documents');
  return (
    <PrintDocumentButton
      request={{ name: 'documents.complaintLetter', args: { ticketId, kind } }}
      label={t(`print.${kind}`)}
      disabled={disabled}
    />
  );
}
