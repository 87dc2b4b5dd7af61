import { Card, Descriptions, Table } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StateLogEntry } from '@shared/session/contract';
import { formatDuration } from '@shared/common/format';
import { useDesk } from '../../../app/context';
import { ShortcutSummary } from '../../../ui/ShortcutSummary';
import { useNow } from '../../../ui/useNow';
import { useTimeZone } from '../agent-states';

function clockTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(ms);
}

/**
 * The shift tab: who is signed in since when, the state shortcuts, then the state log. Other
 * features add their own lines (`details`, after the session's) and cards (`children`, above the
 * log); the shell composes them.
 */
export function ShiftPanel({
  details = [],
  children,
}: {
  details?: DescriptionsProps['items'];
  children?: ReactNode;
}) {
  const { t } = useTranslation('session');
  const session = useDesk((s) => s.session);
  const stateLog = useDesk((s) => s.stateLog);
  const timeZone = useTimeZone();
  const now = useNow(1000);
  if (!session) return null;

  return (
    // One column that never grows past the workspace's (wide tables scroll inside themselves).
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16 }}>
      <Card title={t('shift.title')} size="small">
        <Descriptions
          size="small"
          // Beside the detail column the panel is ~800 px wide at 1280: two columns until 1600.
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            {
              key: 'agent',
              label: t('shift.agent'),
              children: `${session.agent.name}（${session.agent.employeeNo}）`,
            },
            {
              key: 'startedAt',
              label: t('shift.startedAt'),
              children: clockTime(session.shift.startedAt, timeZone),
            },
            {
              key: 'shortcuts',
              label: t('shift.shortcuts'),
              children: <ShortcutSummary feature="session" />,
            },
            ...details,
          ]}
        />
      </Card>
      {children}
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
