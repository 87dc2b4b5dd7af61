import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '@shared/waybills/contract';
import { formatLocalTime } from '@shared/waybills/summary';
import { useTimeZone } from '../../session';
import { useDialer, useDispositionLabel } from '../../softphone';

const classColor = { A: 'red', B: 'orange', C: 'default' } as const;

/**
 * The screen-pop view of a phone number: who it is (class, key-account tier), their last
 * contacts. Shown for a phone search, and (through the shell) on a ringing or live call.
 */
export function CustomerCard({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation('waybills');
  const timeZone = useTimeZone();
  const dispositionLabel = useDispositionLabel();
  // Click-to-dial: only when the phone is idle (not during the call this card pops for).
  const { canDial, dial } = useDialer();
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
            aria-label={`${t('pop.callBack')} ${pop.number}`}
            onClick={() => void dial(pop.number)}
          >
            {t('pop.callBack')}
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
                      {c.disposition ? ` · ${dispositionLabel(c.disposition)}` : ''}
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
