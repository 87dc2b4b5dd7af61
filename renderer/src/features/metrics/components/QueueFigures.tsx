/** The queue's figures from the PBX's queue_log — "unavailable" (never 0) until one is imported. */
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueueFiguresView } from '@shared/metrics/contract';
import { percent } from '../format';
import { MetricName } from './MetricName';

export function QueueFigures({ queue }: { queue: QueueFiguresView | null }) {
  const { t } = useTranslation('metrics');
  const title = t('queue.title');
  if (!queue) {
    return (
      <section aria-label={title} style={{ marginTop: 12 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <div>
          <Typography.Text type="secondary">{t('unavailable')}</Typography.Text>
        </div>
      </section>
    );
  }
  const seconds = queue.thresholdSeconds;
  const sec = (v: number | null) => (v === null ? t('noData') : `${v.toFixed(1)} s`);
  const items = [
    { key: 'offered', value: String(queue.offered) },
    {
      key: 'serviceLevel',
      value: queue.serviceLevel === null ? t('noData') : percent(queue.serviceLevel),
    },
    {
      key: 'abandonRate',
      value: queue.abandonRate === null ? t('noData') : percent(queue.abandonRate),
    },
    { key: 'asa', value: sec(queue.asaSeconds) },
    { key: 'longestWait', value: sec(queue.longestWaitSeconds) },
    { key: 'averageTimeToAbandon', value: sec(queue.averageTimeToAbandonSeconds) },
  ] as const;
  return (
    <section aria-label={title} style={{ marginTop: 12 }}>
      <Descriptions
        size="small"
        title={title}
        column={3}
        items={items.map((i) => ({
          key: i.key,
          label: (
            <MetricName
              name={t(`queue.${i.key}`, { seconds })}
              definition={t(`queueDefs.${i.key}`, { seconds })}
            />
          ),
          children: i.value,
        }))}
      />
    </section>
  );
}
