import { Card, Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StateLogEntry } from '@shared/contract';
import { formatDuration } from '@shared/common/format';
import { useNow } from '../hooks/useNow';
import { useDesk } from '../store';
import { shortcutKeys } from './StatusBar';
import { CallHistory } from './CallHistory';
import { callKeys, keyLabel } from './CallPanel';

function clockTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(ms);
}

export function ShiftPanel() {
  const { t } = useTranslation();
  const session = useDesk((s) => s.session);
  const stateLog = useDesk((s) => s.stateLog);
  const timeZone = useDesk((s) => s.deskInfo?.timeZone ?? 'Asia/Shanghai');
  const now = useNow(1000);
  const refused = useDesk((s) => s.phone?.refusedNotReady ?? 0);
  if (!session) return null;

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card title={t('shift.title')} size="small">
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('shift.agent')}>
            {session.agent.name}（{session.agent.employeeNo}）
          </Descriptions.Item>
          <Descriptions.Item label={t('shift.startedAt')}>
            {clockTime(session.shift.startedAt, timeZone)}
          </Descriptions.Item>
          <Descriptions.Item label={t('shift.shortcuts')}>
            <Typography.Text>
              {t('status.setReady')} {shortcutKeys.ready} · {t('status.not_ready')}{' '}
              {shortcutKeys.notReady} · {t('status.break')} {shortcutKeys.break}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('call.refusedCount')}>{refused}</Descriptions.Item>
          <Descriptions.Item label={t('call.shortcuts')} span={3}>
            <Typography.Text>
              {t('call.answer')} {keyLabel(callKeys.answer)} · {t('call.hangup')}/{t('call.reject')}{' '}
              {keyLabel(callKeys.hangup)} · {t('call.hold')} {keyLabel(callKeys.hold)} ·{' '}
              {t('call.mute')} {keyLabel(callKeys.mute)} · {t('call.transfer')}{' '}
              {keyLabel(callKeys.transfer)} · {t('call.keypad')} {keyLabel(callKeys.keypad)} ·{' '}
              {t('call.dial')} {keyLabel(callKeys.dial)} · {t('acw.complete')}{' '}
              {keyLabel(callKeys.completeAcw)} · {t('acw.extend')} {keyLabel(callKeys.extendAcw)} ·{' '}
              {t('call.consultComplete')} {keyLabel(callKeys.consultComplete)} ·{' '}
              {t('call.consultSwap')} {keyLabel(callKeys.consultSwap)} · {t('call.consultCancel')}{' '}
              {keyLabel(callKeys.consultCancel)} · {t('call.acknowledge')}{' '}
              {keyLabel(callKeys.acknowledgeMissed)}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <CallHistory />
      <Card title={t('shift.log')} size="small">
        <Table<StateLogEntry>
          aria-label={t('shift.log')}
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={stateLog}
          columns={[
            {
              title: t('shift.state'),
              key: 'state',
              render: (_, e) => t(`status.${e.state.status}`),
            },
            {
              title: t('shift.reason'),
              key: 'reason',
              render: (_, e) => ('reason' in e.state ? t(`reasons.${e.state.reason}`) : ''),
            },
            {
              title: t('shift.from'),
              key: 'from',
              render: (_, e) => clockTime(e.startedAt, timeZone),
            },
            {
              title: t('shift.to'),
              key: 'to',
              render: (_, e) =>
                e.endedAt === null ? t('shift.current') : clockTime(e.endedAt, timeZone),
            },
            {
              title: t('shift.duration'),
              key: 'duration',
              render: (_, e) => formatDuration((e.endedAt ?? now) - e.startedAt),
            },
          ]}
        />
      </Card>
    </div>
  );
}
