import { Alert, Button, Card, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import type { ChangeEvent } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayScheduleView } from '@shared/contract';
import type { HolidayImportFormat } from '@shared/admin/holiday-import';
import { HOLIDAY_IMPORT_MAX_CHARS } from '@shared/admin/holiday-import';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDeskApi } from '../../../app/context';
import { useTimeZone } from '../../session';
import { AdminError, issuesOf } from './issues';

/** The view and its reload, shared by the settings card and the admin tab's warning. */
export interface HolidaySchedule {
  view: HolidayScheduleView | null;
  error: unknown;
  setView(v: HolidayScheduleView): void;
}

export function useHolidaySchedule(): HolidaySchedule {
  const api = useDeskApi();
  const [view, setView] = useState<HolidayScheduleView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.request('admin.holidaySchedule', {}).then(
      (v) => live && setView(v),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return { view, error, setView };
}

/**
 * The lead is warned when a deadline may fall in a year without the State Council's schedule: the
 * years from today to the end of the longest working-day clock (60 working days) that neither the
 * package nor an import covers. Shown at the top of the 管理 tab, whichever section is open.
 */
export function UncoveredYearsAlert({ view }: { view: HolidayScheduleView | null }) {
  const { t } = useTranslation('admin');
  if (!view || view.uncovered.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      // A standing warning, not an interruption (and the tab's refusals keep role="alert").
      role="note"
      title={t('calendar.uncovered', { years: view.uncovered.join('、') })}
      style={{ marginBottom: 12 }}
    />
  );
}

/** One refused entry in words: where it is ("2027-02-30", "春节", the year) and what is wrong. */
function problemText(
  t: (k: string, o?: Record<string, unknown>) => string,
  path: string,
  code: string,
) {
  const problem = t(`issues.${code}`);
  const [kind, ...rest] = path.split(':');
  const entry = rest.join(':');
  switch (kind) {
    case 'date':
    case 'year':
    case 'entry':
      return t(`calendar.at.${kind}`, { entry, problem });
    default:
      return t('calendar.at.text', { problem });
  }
}

/**
 * The holiday and 调休 schedule: which years the desk has official data for (the package's and
 * the imported ones), the warning for uncovered years, and the import — a chinese-days JSON file
 * (chosen or pasted) or the State Council's notice pasted as text. A refusal lists every bad entry
 * by its date or item; nothing is stored then.
 */
export function HolidayScheduleCard({ schedule }: { schedule: HolidaySchedule }) {
  const { t } = useTranslation('admin');
  const api = useDeskApi();
  const timeZone = useTimeZone();
  const { view, error: loadError, setView } = schedule;
  const [format, setFormat] = useState<HolidayImportFormat>('chinese_days_json');
  const [text, setText] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setError(null);
    setProblem(null);
    setDone(null);
  };

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    reset();
    const file = e.target.files?.[0];
    if (!file) return;
    // UTF-8 takes at least a byte a character: a file over the limit in bytes may still fit, one
    // four times over cannot — refuse it before reading it all.
    if (file.size > HOLIDAY_IMPORT_MAX_CHARS * 4) {
      setProblem(t('issues.schedule_too_large'));
      return;
    }
    try {
      setText(await file.text());
      setFileName(file.name);
    } catch {
      setProblem(t('calendar.readFailed'));
    }
  };

  const submit = async () => {
    reset();
    if (text.trim() === '') {
      setProblem(t('calendar.empty'));
      return;
    }
    setBusy(true);
    try {
      const next = await api.request('admin.importHolidaySchedule', {
        format,
        text,
        ...(format === 'official_text' && year !== null && { year }),
      });
      const before = new Set(view?.imported ?? []);
      const added = next.imported.filter((y) => !before.has(y));
      setView(next);
      setDone(
        t('calendar.imported_ok', { years: (added.length ? added : next.imported).join('、') }),
      );
      setText('');
      setFileName(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const issues = issuesOf(error);
  const thisYear = view?.importable.first;
  return (
    <Card title={t('settings.calendarTitle')} size="small">
      <section aria-label={t('settings.calendarTitle')}>
        <AdminError error={loadError} />
        {view && (
          <>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {t('calendar.packaged', view.packaged)}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {view.imported.length > 0
                ? t('calendar.imported', { years: view.imported.join('、') })
                : t('calendar.importedNone')}
            </Typography.Paragraph>
            {view.lastImport && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                {t('calendar.lastImport', {
                  time: formatLocalTime(view.lastImport.at, timeZone),
                  who: `${view.lastImport.employeeNo} ${view.lastImport.name}`,
                })}
              </Typography.Paragraph>
            )}
            {/* Uncovered years: the warning at the top of the 管理 tab (AdminPage) says it. */}
            {view.uncovered.length === 0 && (
              <Typography.Paragraph type="success">
                {t('calendar.covered', {
                  date: formatLocalTime(view.horizon, timeZone).slice(0, 10),
                })}
              </Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary">
              {t('calendar.importable', view.importable)}
            </Typography.Paragraph>
          </>
        )}
        {done && (
          <Alert type="success" showIcon role="status" title={done} style={{ marginBottom: 12 }} />
        )}
        {problem && (
          <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />
        )}
        {issues.length > 0 ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('calendar.problems')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {issues.map((i) => (
                  <li key={`${i.path}/${i.code}`}>{problemText(t, i.path, i.code)}</li>
                ))}
              </ul>
            }
            style={{ marginBottom: 12 }}
          />
        ) : (
          <AdminError error={error} />
        )}
        <Form layout="vertical" aria-label={t('settings.calendarTitle')} disabled={view === null}>
          <Form.Item label={t('calendar.format')}>
            <Radio.Group
              aria-label={t('calendar.format')}
              value={format}
              onChange={(e) => {
                setFormat(e.target.value as HolidayImportFormat);
                reset();
              }}
              options={[
                { value: 'chinese_days_json', label: t('calendar.formatJson') },
                { value: 'official_text', label: t('calendar.formatText') },
              ]}
            />
          </Form.Item>
          {format === 'chinese_days_json' ? (
            <Form.Item
              label={t('calendar.file')}
              extra={fileName ? t('calendar.fileLoaded', { name: fileName }) : undefined}
            >
              <input
                type="file"
                accept=".json,application/json"
                aria-label={t('calendar.file')}
                onChange={(e) => void readFile(e)}
              />
            </Form.Item>
          ) : (
            <Form.Item
              label={t('calendar.year')}
              extra={t('calendar.yearHint', { year: (thisYear ?? 2026) + 1 })}
            >
              <InputNumber
                aria-label={t('calendar.year')}
                min={2000}
                max={2100}
                precision={0}
                value={year}
                onChange={(v) => setYear(typeof v === 'number' ? v : null)}
              />
            </Form.Item>
          )}
          <Form.Item label={t('calendar.text')}>
            <Input.TextArea
              aria-label={t('calendar.text')}
              rows={6}
              value={text}
              placeholder={t(
                format === 'chinese_days_json'
                  ? 'calendar.textJsonHint'
                  : 'calendar.textNoticeHint',
              )}
              onChange={(e) => {
                setText(e.target.value);
                setFileName(null);
              }}
            />
          </Form.Item>
          <Space>
            <Button type="primary" loading={busy} onClick={() => void submit()}>
              {t('calendar.importButton')}
            </Button>
          </Space>
        </Form>
      </section>
    </Card>
  );
}
