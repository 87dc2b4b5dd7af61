import { Card, Space, Table, Tag } from 'antd';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { dispositions, endCauses } from '@shared/softphone/call-state';
import type { CallRecord } from '@shared/softphone/contract';
import { formatDuration, maskPhone } from '@shared/common/format';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDesk } from '../../../app/context';
import { ComplianceDetails, ComplianceSummary } from '../../scripts';
import { useTimeZone } from '../../session';

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v);

/**
 * How a call ended and what it was about, in the agent's language: causes and call types main
 * knows have their text; anything else (older data, another system's "normal_clearing") reads
 * 其他原因 / 未知类型 — never a raw identifier.
 */
export function useCallRecordLabels() {
  const { t } = useTranslation('softphone');
  const cause = useCallback(
    (c: string) => (isOneOf(endCauses, c) ? t(`call.causes.${c}`) : t('call.causeOther')),
    [t],
  );
  const disposition = useCallback(
    (d: string) => (isOneOf(dispositions, d) ? t(`dispositions.${d}`) : t('dispositions.unknown')),
    [t],
  );
  return { cause, disposition };
}

/**
 * The agent's calls (newest first): talk and hold time, how it ended, the disposition — marked
 * 自动归类 when the desk filed it because after-call work ran out.
 */
export function CallHistory() {
  const { t } = useTranslation('softphone');
  const labels = useCallRecordLabels();
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
        expandable={{
          // The call's script compliance in full (issue 13): every item and the reason given.
          expandedRowRender: (c) => (
            <ComplianceDetails callId={c.id} version={c.acwEndedAt ?? c.endedAt} />
          ),
          rowExpandable: (c) => c.answeredAt !== null,
        }}
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
            render: (_, c) => (c.endCause ? labels.cause(c.endCause) : t('call.active')),
          },
          {
            title: t('call.columns.disposition'),
            key: 'disposition',
            render: (_, c) =>
              c.disposition ? (
                <Space size={4} wrap>
                  {labels.disposition(c.disposition)}
                  {c.autoClassified && (
                    <Tag color="orange" title={t('call.autoClassifiedHint')}>
                      {t('call.autoClassified')}
                    </Tag>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('call.columns.compliance'),
            key: 'compliance',
            render: (_, c) =>
              c.answeredAt !== null ? (
                <ComplianceSummary callId={c.id} version={c.acwEndedAt ?? c.endedAt} />
              ) : (
                '—'
              ),
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
