import { Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplianceRecord } from '@shared/scripts/contract';
import { checkpointItems } from '@shared/scripts/model';
import { useDesk } from '../../../app/context';

type Outcome = ComplianceRecord['checkpoints'][number]['outcome'];
const outcomeColor: Record<Outcome, string> = { met: 'green', skipped: 'red', open: 'orange' };
const outcomes: readonly Outcome[] = ['met', 'skipped', 'open'];

/** The call's compliance record, read once per call (and again when the call's end changes). */
function useCompliance(callId: string, version: number | null) {
  const record = useDesk((s) => s.complianceRecords[callId]);
  const load = useDesk((s) => s.loadCompliance);
  useEffect(() => {
    void load(callId);
  }, [load, callId, version]);
  return record;
}

/**
 * One line of the call history: the script the call ran (name and version) and how many
 * compliance items were met, skipped or left open. `version`: reload when it changes (the end of
 * the call or of its after-call work).
 */
export function ComplianceSummary({ callId, version }: { callId: string; version: number | null }) {
  const { t } = useTranslation('scripts');
  const record = useCompliance(callId, version);
  if (record === undefined) return <Typography.Text type="secondary">…</Typography.Text>;
  if (record === 'failed')
    return <Typography.Text type="danger">{t('compliance.failed')}</Typography.Text>;
  if (record === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const count = (o: Outcome) => record.checkpoints.filter((c) => c.outcome === o).length;
  return (
    <Space size={4} wrap aria-label={t('compliance.title')}>
      <span>
        {t('compliance.script', {
          title: t(`scripts.${record.script.key}`),
          version: record.script.version,
        })}
      </span>
      {outcomes
        .filter((o) => count(o) > 0)
        .map((o) => (
          <Tag key={o} color={outcomeColor[o]}>{`${t(`compliance.${o}`)} ${count(o)}`}</Tag>
        ))}
    </Space>
  );
}

/**
 * The call's compliance record in full: every item with its outcome (required ones first), and
 * the reason the agent gave for the open ones. No ids on screen: items and scripts by name.
 */
export function ComplianceDetails({ callId, version }: { callId: string; version: number | null }) {
  const { t } = useTranslation('scripts');
  const record = useCompliance(callId, version);
  if (record === undefined) return <Typography.Text>{t('compliance.loading')}</Typography.Text>;
  if (record === 'failed')
    return <Typography.Text type="danger">{t('compliance.failed')}</Typography.Text>;
  if (record === null)
    return <Typography.Text type="secondary">{t('compliance.none')}</Typography.Text>;
  // Required items first, each group in the order a call meets them.
  const rank = (c: ComplianceRecord['checkpoints'][number]) =>
    (c.required ? 0 : checkpointItems.length) + checkpointItems.indexOf(c.item);
  const items = [...record.checkpoints].sort((a, b) => rank(a) - rank(b));
  return (
    <section aria-label={t('compliance.title')}>
      <Typography.Text strong>
        {`${t('compliance.title')}：${t('compliance.script', {
          title: t(`scripts.${record.script.key}`),
          version: record.script.version,
        })}`}
      </Typography.Text>
      <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0' }}>
        {items.map((c) => (
          <li key={c.item}>
            <Tag color={outcomeColor[c.outcome]}>{t(`compliance.${c.outcome}`)}</Tag>
            {t(`items.${c.item}`)}
          </li>
        ))}
      </ul>
      {record.openReason && (
        <Typography.Text>{t('compliance.reason', { reason: record.openReason })}</Typography.Text>
      )}
    </section>
  );
}
