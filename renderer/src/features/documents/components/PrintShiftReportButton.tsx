import { useTranslation } from 'react-i18next';
import { PrintDocumentButton } from './PrintDocumentButton';

/**
 * 打印值班报告（PDF）: main fills the shift report with the metrics feature's figures of the shift
 * (absent: the signed-in agent's current or last one), prints it to PDF; the file is saved.
 */
export function PrintShiftReportButton({
  shiftId,
  disabled = false,
}: {
  shiftId?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('documents');
  return (
    <PrintDocumentButton
      request={{ name: 'documents.shiftReport', args: shiftId === undefined ? {} : { shiftId } }}
      label={t('print.shiftReport')}
      disabled={disabled}
      size="small"
    />
  );
}
