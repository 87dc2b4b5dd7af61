import { Card, Table } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallRecord } from '@shared/softphone/contract';
import { formatDuration, maskPhone } from '@shared/common/format';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDesk } from '../../../app/context';
import { useTimeZone } from '../../session';

/** The agent's calls (newest first): talk and hold time, how it ended, the disposition. */
export function CallHistory() {
  const { t } = useTranslation('softphone');
  const history = useDesk((s) => s.callHistory);
  const refresh = useDesk((s) => s.refreshCallHistory);
  const timeZone = useTimeZone();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <Card title={t('call.history')} size="small">
      <Table<CallRecord>
        aria-label={t('call.history')}
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={history}
        columns={[
          {
            title: t('call.columns.time'),
            key: 'time',
            render: (_, c) => formatLocalTime(c.offeredAt, timeZone),
          },
          {
            title: t('call.columns.direction'),
            key: 'direction',
            render: (_, c) => t(`call.${c.direction}`),
          },
          {
            title: t('call.columns.number'),
            key: 'number',
            render: (_, c) =>
              c.remoteNumber ? maskPhone(c.remoteNumber) : t('call.unknownNumber'),
          },
          {
            title: t('call.columns.customer'),
            key: 'customer',
            render: (_, c) => c.customerName ?? '—',
          },
          {
            title: t('call.columns.talk'),
            key: 'talk',
            render: (_, c) =>
              c.answeredAt !== null && c.endedAt !== null
                ? formatDuration(c.endedAt - c.answeredAt)
                : '—',
          },
          {
            title: t('call.columns.hold'),
            key: 'hold',
            render: (_, c) => (c.holdCount > 0 ? formatDuration(c.holdMs) : '—'),
          },
          {
            title: t('call.columns.cause'),
            key: 'cause',
            // Causes from older data or other systems show as stored rather than as a key.
            render: (_, c) =>
              c.endCause
                ? t(`call.causes.${c.endCause}`, { defaultValue: c.endCause })
                : t('call.active'),
          },
          {
            title: t('call.columns.disposition'),
            key: 'disposition',
            render: (_, c) => (c.disposition ? t(`dispositions.${c.disposition}`) : '—'),
          },
          {
            title: t('call.columns.waybills'),
            key: 'waybills',
            render: (_, c) => (c.waybillNumbers.length > 0 ? c.waybillNumbers.join('、') : '—'),
          },
        ]}
      />
    </Card>
  );
}
