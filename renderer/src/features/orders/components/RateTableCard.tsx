import { Alert, Button, Card, Space, Typography } from 'antd';
import type { ChangeEvent } from 'react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ContractError } from '@shared/common/errors';
import type { RateTableProblem } from '@shared/orders/rate-check';
import {
  checkRateTable,
  maxRateTableChars,
  rateTableProblemCodes,
} from '@shared/orders/rate-check';
import type { RateTable } from '@shared/orders/rates';
import { useDesk } from '../../../app/context';
import type { UiError } from '../../../ui/errors';
import { toUiError } from '../../../ui/errors';
import { useErrorText } from '../../../ui/error-text';

/** A rate table problem in the lead's language, naming where in the file it is. */
export function rateProblemText(t: TFunction, p: RateTableProblem): string {
  const params: Record<string, string | number> = { ...p.params };
  params['at'] = p.path ? t('orders:rates.at', { path: p.path }) : t('orders:rates.wholeFile');
  if (typeof params['expected'] === 'string') {
    params['expected'] = t(`orders:rates.expected.${params['expected']}`, {
      defaultValue: t('orders:rates.expected.other'),
    });
  }
  if (typeof params['service'] === 'string') {
    params['service'] = t(`orders:services.${params['service']}`, {
      defaultValue: params['service'],
    });
  }
  return t(`orders:rates.problems.${p.code}`, params);
}

/** Main's refusal as problems (the codes of `checkRateTable`), or null if it was something else. */
function problemsFromMain(err: unknown): RateTableProblem[] | null {
  if (!(err instanceof ContractError) || err.code !== 'BAD_ARGUMENT' || !err.issues) return null;
  const known = new Set<string>(rateTableProblemCodes);
  const problems = err.issues
    .filter((i) => known.has(i.message))
    .map((i) => ({ path: i.path, code: i.message as RateTableProblem['code'] }));
  return problems.length > 0 ? problems : null;
}

/**
 * 价目表 (leads): the table the desk quotes with, and a new one loaded from a JSON file in the
 * shipped format — checked here first and again by main, each problem named in the lead's
 * language; nothing changes until the whole file is right.
 */
export function RateTableCard() {
  const { t } = useTranslation('orders');
  const loadOrderRates = useDesk((s) => s.loadOrderRates);
  const current = useDesk((s) => s.orderRates);
  const loadRateTable = useDesk((s) => s.loadRateTable);
  const describe = useErrorText();
  const [problems, setProblems] = useState<RateTableProblem[]>([]);
  const [error, setError] = useState<UiError | null>(null);
  const [loaded, setLoaded] = useState<RateTable | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  useEffect(() => {
    if (!current) loadOrderRates().catch((err: unknown) => setError(toUiError(err)));
  }, [current, loadOrderRates]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    setProblems([]);
    setError(null);
    setLoaded(null);
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    // Refused before it is read whole (a UTF-8 character takes at most four bytes).
    if (file.size > maxRateTableChars * 4) {
      input.value = '';
      setProblems([{ path: '', code: 'too_large', params: { max: maxRateTableChars } }]);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setProblems([{ path: '', code: 'not_json' }]);
      return;
    } finally {
      // The same file chosen again (after fixing it) is read again.
      input.value = '';
    }
    const check = checkRateTable(text);
    if (!check.ok) {
      setProblems(check.problems);
      return;
    }
    setBusy(true);
    try {
      setLoaded(await loadRateTable(text));
    } catch (err) {
      const fromMain = problemsFromMain(err);
      if (fromMain) setProblems(fromMain);
      else setError(toUiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('rates.title')}>
      <section aria-label={t('rates.title')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {current ? t('rates.current', { name: current.name }) : t('rates.loading')}
          </Typography.Text>
          <Space wrap>
            <label htmlFor={inputId}>{t('rates.choose')}</label>
            <input
              id={inputId}
              type="file"
              accept=".json,application/json"
              disabled={busy}
              onChange={(e) => void onFile(e)}
            />
          </Space>
          <Typography.Text type="secondary">{t('rates.hint')}</Typography.Text>
          {problems.length > 0 && (
            <Alert
              type="error"
              role="alert"
              showIcon
              title={t('rates.refused')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {problems.map((p, i) => (
                    <li key={i}>{rateProblemText(t, p)}</li>
                  ))}
                </ul>
              }
            />
          )}
          {error && (
            <Alert
              type="error"
              role="alert"
              showIcon
              title={describe(error).title}
              description={describe(error).description}
            />
          )}
          {loaded && (
            <Alert
              type="success"
              role="status"
              showIcon
              title={t('rates.loaded', { name: loaded.name })}
              action={
                <Button size="small" onClick={() => setLoaded(null)}>
                  {t('rates.ok')}
                </Button>
              }
            />
          )}
        </Space>
      </section>
    </Card>
  );
}
