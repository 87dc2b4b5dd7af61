import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClockKey, TicketClock } from '@shared/complaints/clocks';

/** 2026-11-23 09:00 in the desk's time zone. */
export function whenText(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
}

const stateColor = { met: 'green', overdue: 'red', due_soon: 'orange', running: 'blue' } as const;

/**
 * A ticket's clocks by due time: the next one due highlighted, overdue ones red, and 按工作日估算
 * on a clock that runs into a year without the official holiday schedule.
 */
export function TicketClocks({
  clocks,
  timeZone,
  onDone,
}: {
  clocks: TicketClock[];
  timeZone: string;
  onDone?: (key: ClockKey) => void;
}) {
  const { t } = useTranslation('complaints');
  return (
    <ul aria-label={t('clocks.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {clocks.map((c) => (
        <li
          key={c.key}
          aria-current={c.next ? 'true' : undefined}
          data-state={c.state}
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            padding: '4px 8px',
            borderBottom: '1px solid #f0f0f0',
            background: c.next ? '#e6f4ff' : undefined,
            color: c.state === 'overdue' ? '#cf1322' : undefined,
            fontWeight: c.next ? 600 : undefined,
          }}
        >
          <Space wrap size={4}>
            <Typography.Text style={{ color: 'inherit' }}>{t(`clocks.${c.key}`)}</Typography.Text>
            <Typography.Text style={{ color: 'inherit' }}>
              {t('clocks.due', { time: whenText(c.dueAt, timeZone) })}
            </Typography.Text>
            <Tag color={stateColor[c.state]}>{t(`clocks.states.${c.state}`)}</Tag>
            {c.next && <Tag color="geekblue">{t('clocks.next')}</Tag>}
            {c.estimated && (
              <Tooltip title={t('clocks.estimatedHint')}>
                <Tag color="gold" tabIndex={0} aria-label={t('clocks.estimatedHint')}>
                  {t('clocks.estimated')}
                </Tag>
              </Tooltip>
            )}
          </Space>
          {onDone && c.state !== 'met' && (
            <Button
              size="small"
              aria-label={`${t('clocks.done')} ${t(`clocks.${c.key}`)}`}
              onClick={() => onDone(c.key)}
            >
              {t('clocks.done')}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
