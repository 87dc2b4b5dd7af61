/**
 * The lead's queue_log import: the file's size is checked before it is read (over 20 MB: refused
 * here, nothing sent); main reports the lines it could not read, by number.
 */
import { Alert, Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maxQueueLogChars } from '@shared/metrics/contract';
import type { QueueImport } from '@shared/metrics/contract';
import { useDesk } from '../../../app/context';
import { useErrorText } from '../../../ui/error-text';

export function QueueLogImport() {
  const { t } = useTranslation('metrics');
  const importQueueLog = useDesk((s) => s.importQueueLog);
  const describe = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<
    { kind: 'done'; r: QueueImport } | { kind: 'error'; text: string } | null
  >(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > maxQueueLogChars) {
      setResult({ kind: 'error', text: t('queueImport.tooLarge') });
      return;
    }
    setBusy(true);
    try {
      const r = await importQueueLog(file.name, await file.text());
      setResult('code' in r ? { kind: 'error', text: describe(r).title } : { kind: 'done', r });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={t('queueImport.button')}
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      <Button
        size="small"
        loading={busy}
        title={t('queueImport.hint')}
        onClick={() => input.current?.click()}
      >
        {t('queueImport.button')}
      </Button>
      {result?.kind === 'error' && <Alert type="error" role="alert" showIcon title={result.text} />}
      {result?.kind === 'done' && (
        <Alert
          type={result.r.problemCount > 0 ? 'warning' : 'success'}
          role="status"
          showIcon
          title={t('queueImport.done', result.r)}
          description={
            result.r.problemCount > 0 && (
              <>
                {t('queueImport.problems', { count: result.r.problemCount })}
                <ul style={{ margin: 0 }}>
                  {result.r.problems.slice(0, 20).map((p) => (
                    <li key={p.line}>
                      {t('queueImport.problem', {
                        line: p.line,
                        reason: t(`queueImport.reasons.${p.reason}`),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        />
      )}
    </>
  );
}
