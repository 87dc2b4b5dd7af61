import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintedDocument } from '@shared/documents/contract';
import { useDesk } from '../../../app/context';
import { useErrorText } from '../../../ui/error-text';
import type { PrintRequest } from '../slice';
import { printKey } from '../slice';

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

/** Prints one document and saves it; what happened is said beside its button. */
export function usePrintDocument(request: PrintRequest) {
  const { t } = useTranslation('documents');
  const describe = useErrorText();
  const printDocument = useDesk((s) => s.printDocument);
  const printing = useDesk((s) => s.printingDocument);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const key = printKey(request);
  const print = async () => {
    setOutcome(null);
    const out = await printDocument(request);
    if (out === null) return; // another document is being printed; its button shows it
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
    busy: printing === key,
    /** Another document is being printed. */
    blocked: printing !== null && printing !== key,
    outcome,
    print,
  };
}

/** A button that prints one document to PDF and saves it, with the outcome said beside it. */
export function PrintDocumentButton({
  request,
  label,
  disabled = false,
  size,
}: {
  request: PrintRequest;
  /** The button's text (and accessible name), in the UI language. */
  label: string;
  disabled?: boolean;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation('documents');
  const { busy, blocked, outcome, print } = usePrintDocument(request);
  return (
    <Space size="small" wrap>
      <Button
        size={size}
        loading={busy}
        disabled={disabled || blocked}
        onClick={() => void print()}
      >
        {busy ? t('print.busy') : label}
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
