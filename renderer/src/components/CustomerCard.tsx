import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '@shared/contract';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDesk } from '../store';

const classColor = { A: 'red', B: 'orange', C: 'default' } as const;

/**
 * The screen-pop view of a phone number: who it is (class, key-account tier), their last
 * contacts. Shown for a phone search now; the softphone shows it on an incoming call.
 */
export function CustomerCard({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const timeZone = useDesk((s) => s.deskInfo?.timeZone ?? 'Asia/Shanghai');
  const callAction = useDesk((s) => s.callAction);
  // Click-to-dial: only when the phone is idle (not during the call this card pops for).
  const canDial = useDesk(
    (s) =>
      s.sipHealth?.state === 'registered' &&
      !s.phone?.acw &&
      (!s.phone?.call || s.phone.call.phase === 'ended'),
  );
  return (
    <Card
      size="small"
      title={`${t('pop.title')} ${pop.number}`}
      role="region"
      aria-label={t('pop.title')}
      extra={
        canDial && (
          <Button
            size="small"
            aria-label={`${t('call.callBack')} ${pop.number}`}
            onClick={() => void callAction('call.dial', { number: pop.number })}
          >
            {t('call.callBack')}
          </Button>
        )
      }
    >
      {pop.customers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pop.unknown')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {pop.customers.map((c) => (
            <Space key={c.id} wrap>
              <Typography.Text strong>{c.name}</Typography.Text>
              {c.company && <Typography.Text>{c.company}</Typography.Text>}
              <Tag color={classColor[c.class]}>{t('pop.class', { class: c.class })}</Tag>
              {c.keyAccountTier !== null && (
                <Tag color="gold">{t('pop.keyAccount', { tier: c.keyAccountTier })}</Tag>
              )}
              <Typography.Text type="secondary">{c.city}</Typography.Text>
            </Space>
          ))}
          {pop.lastContacts.length > 0 && (
            <Descriptions size="small" column={1} title={t('pop.lastContacts')}>
              <Descriptions.Item>
                <List
                  size="small"
                  dataSource={pop.lastContacts}
                  renderItem={(c) => (
                    <List.Item>
                      {formatLocalTime(c.at, timeZone)} · {t(`pop.${c.direction}`)} ·{' '}
                      {c.answered ? t('pop.answered') : t('pop.missed')}
                      {c.disposition ? ` · ${t(`dispositions.${c.disposition}`)}` : ''}
                      {c.agentName ? ` · ${c.agentName}` : ''}
                    </List.Item>
                  )}
                />
              </Descriptions.Item>
            </Descriptions>
          )}
        </Space>
      )}
    </Card>
  );
}
