/**
 * Pieces every handover view shows: an item's urgency, what it is and why it is not finished;
 * main's refusal of an action.
 */
import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '@shared/common/format';
import type { CompiledItem, Urgency } from '@shared/handover/contract';
import type { Figures } from '@shared/metrics/contract';
import { useDesk } from '../../../app/context';
import type { UiError } from '../../../ui/errors';
import { useErrorText } from '../../../ui/error-text';

const colours: Record<Urgency, string> = { red: 'red', amber: 'orange', blue: 'blue' };

/** MM-DD HH:mm in the desk's time zone. */
export function useTimeText(): (at: number) => string {
  const timeZone = useDesk((s) => s.deskInfo?.timeZone ?? 'Asia/Shanghai');
  return (at) => {
    // By parts: Chromium's sv-SE writes a month and day alone as 02/12 (day/month), not 12-02.
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const part = (type: Intl.DateTimeFormatPartTypes) =>
      parts.find((p) => p.type === type)?.value ?? '';
    return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
  };
}

/** Main's refusal in the agent's language, next to what was refused (nothing when none). */
export function Refusal({ error }: { error: UiError | null }) {
  const describe = useErrorText();
  if (!error) return null;
  const { title, description } = describe(error);
  return <Alert type="error" role="alert" title={title} {...(description && { description })} />;
}

/** The urgency as colour and as words (the colour alone says nothing to a screen reader). */
export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation('handover');
  return <Tag color={colours[urgency]}>{t(`urgency.${urgency}`)}</Tag>;
}

/** Kind, what it is about, its record (customer, waybill) and why it is still open. */
export function ItemSummary({ item }: { item: CompiledItem }) {
  const { t } = useTranslation('handover');
  const time = useTimeText();
  const why = t(`reasons.${item.reason}`, {
    time: item.dueAt === null ? t('noTime') : time(item.dueAt),
    anomaly: item.anomaly === null ? '' : t(`anomalies.${item.anomaly}`),
  });
  return (
    <Space orientation="vertical" size={0}>
      <Space wrap size={4}>
        <UrgencyTag urgency={item.urgency} />
        <Tag>{t(`kinds.${item.kind}`)}</Tag>
        <Typography.Text strong>{item.title}</Typography.Text>
        {item.customer && <Typography.Text type="secondary">{item.customer}</Typography.Text>}
        {item.waybill && item.waybill !== item.title && (
          <Typography.Text type="secondary">{item.waybill}</Typography.Text>
        )}
      </Space>
      <Typography.Text type="secondary">{why}</Typography.Text>
    </Space>
  );
}

/** The figures a handover shows (the metrics tab has the rest): counts, a duration, ratios. */
const shown: { key: Exclude<keyof Figures, 'stateMs'>; as: 'count' | 'ms' | 'ratio' }[] = [
  { key: 'offered', as: 'count' },
  { key: 'answered', as: 'count' },
  { key: 'handled', as: 'count' },
  { key: 'ahtMs', as: 'ms' },
  { key: 'answerRate', as: 'ratio' },
  { key: 'occupancy', as: 'ratio' },
  { key: 'withinStandard', as: 'ratio' },
  { key: 'ordersTaken', as: 'count' },
];

/** The shift's figures when it was handed over, or 暂无数据 (never an invented number). */
export function MetricsSnapshot({ metrics }: { metrics: Figures | null }) {
  const { t } = useTranslation('handover');
  const value = (v: number | null, as: 'count' | 'ms' | 'ratio') => {
    if (v === null) return t('form.noMetrics');
    if (as === 'ms') return formatDuration(v);
    if (as === 'ratio') return `${(v * 100).toFixed(1)}%`;
    return String(v);
  };
  return (
    <div role="group" aria-label={t('form.metrics')}>
      <Typography.Text strong>{t('form.metrics')}：</Typography.Text>
      {metrics === null ? (
        <Typography.Text type="secondary">{t('form.noMetrics')}</Typography.Text>
      ) : (
        <Space wrap>
          {shown.map(({ key, as }) => (
            <Tag key={key}>
              {t(`metrics:figures.${key}`)}: {value(metrics[key], as)}
            </Tag>
          ))}
        </Space>
      )}
    </div>
  );
}
