/**
 * The lead's queue_log import: the file's size is checked before it is read (over 20 MB or empty:
 * refused here, nothing sent); it is then read and sent in chunks with a progress bar; main
 * reports the lines it could not read, by their number in the file.
 */
import { Alert, Button, Progress } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueImport } from '@shared/metrics/contract';
import { useDesk } from '../../../app/context';
import type { UiError } from '../../../ui/errors';
import { useErrorText } from '../../../ui/error-text';

/** The refusals this import says in its own words (the limit named), else null. */
function ownRefusal(error: UiError): 'tooLarge' | 'empty' | 'unreadable' | 'changed' | null {
  if (error.code !== 'BAD_ARGUMENT') return null;
  const issue = error.issues?.find(
    (i) => i.path === 'size' || i.path === 'text' || i.path === 'chunks',
  );
  // Over the limit is said of the file's size; more text or fewer chunks than announced means
  // the file changed while it was read (or a piece was lost): read it again.
  if (issue?.message === 'too_long') return issue.path === 'size' ? 'tooLarge' : 'changed';
  if (issue?.message === 'incomplete') return 'changed';
  if (issue?.message === 'empty') return 'empty';
  if (issue?.message === 'unreadable') return 'unreadable';
  return null;
}

export function QueueLogImport() {
  const { t } = useTranslation('metrics');
  const importQueueLog = useDesk((s) => s.importQueueLog);
  const describe = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ file: string; percent: number } | null>(null);
  const [result, setResult] = useState<
    { kind: 'done'; r: QueueImport } | { kind: 'error'; text: string } | null
  >(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setResult(null);
    setProgress({ file: file.name, percent: 0 });
    try {
      const r = await importQueueLog(file, (read, size) =>
        setProgress({ file: file.name, percent: Math.floor((read / size) * 100) }),
      );
      if ('code' in r) {
        const own = ownRefusal(r);
        setResult({ kind: 'error', text: own ? t(`queueImport.${own}`) : describe(r).title });
      } else {
        setResult({ kind: 'done', r });
      }
    } finally {
      setProgress(null);
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
        loading={progress !== null}
        title={t('queueImport.hint')}
        onClick={() => input.current?.click()}
      >
        {t('queueImport.button')}
      </Button>
      {progress && (
        <div role="status" aria-live="polite">
          {t('queueImport.sending', { file: progress.file })}
          <Progress
            percent={progress.percent}
            size="small"
            aria-label={t('queueImport.progress')}
          />
        </div>
      )}
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
