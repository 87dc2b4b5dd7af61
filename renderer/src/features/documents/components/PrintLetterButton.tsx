import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterKind } from '@shared/documents/letters';
import type { PrintedDocument } from '@shared/documents/contract';
import { useDesk } from '../../../app/context';
import { useErrorText } from '../../../ui/error-text';
import { letterKey } from '../slice';

/**
 * Hands a PDF main printed to the user as a file: a blob download, which the browser host's
 * Chromium saves to its downloads and Electron's session offers with a save dialog.
 */
export function savePdf(doc: PrintedDocument): void {
  const bytes = Uint8Array.from(atob(doc.pdfBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = doc.fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

type Outcome = { kind: 'saved'; file: string } | { kind: 'failed'; text: string } | null;

/** Prints one letter of a complaint ticket and saves it; what happened is said beside it. */
export function usePrintLetter(ticketId: string, kind: LetterKind) {
  const { t } = useTranslation('documents');
  const describe = useErrorText();
  const printLetter = useDesk((s) => s.printLetter);
  const printing = useDesk((s) => s.printingLetter);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const print = async () => {
    setOutcome(null);
    const out = await printLetter(ticketId, kind);
    if (out === null) return; // another letter is being printed; its button shows it
    if (out.ok) {
      savePdf(out.doc);
      setOutcome({ kind: 'saved', file: out.doc.fileName });
    } else {
      // Printing's own failure says what to do; a refusal says why (无权, 未找到, 请先登录…).
      setOutcome({
        kind: 'failed',
        text: out.error.code === 'INTERNAL' ? t('print.failed') : describe(out.error).title,
      });
    }
  };
  return {
    busy: printing === letterKey(ticketId, kind),
    /** Another letter is being printed. */
    blocked: printing !== null && printing !== letterKey(ticketId, kind),
    outcome,
    print,
  };
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
  const { busy, blocked, outcome, print } = usePrintLetter(ticketId, kind);
  return (
    <Space size="small" wrap>
      <Button loading={busy} disabled={disabled || blocked} onClick={() => void print()}>
        {busy ? t('print.busy') : t(`print.${kind}`)}
      </Button>
      {outcome?.kind === 'saved' && (
        <Typography.Text type="success" role="status">
          {t('print.saved', { file: outcome.file })}
        </Typography.Text>
      )}
      {outcome?.kind === 'failed' && (
        <Typography.Text type="danger" role="alert">
          {outcome.text}
        </Typography.Text>
      )}
    </Space>
  );
}
