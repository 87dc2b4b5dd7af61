import { Alert, Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallView } from '@shared/softphone/contract';
import type { ScreenPop } from '@shared/waybills/contract';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDesk } from '../../../app/context';
import { useTimeZone } from '../../session';
import { useCallLink, useDialer, useDispositionLabel } from '../../softphone';
import { CustomerForm } from './CustomerForm';

const classColor = { A: 'red', B: 'orange', C: 'default' } as const;

/**
 * The screen-pop view of a phone number: who it is (class, key-account tier), their last
 * contacts. Shown for a phone search, and (through the shell) on a ringing or live call — then,
 * when several customers share the number, the agent says which one is calling and the call is
 * tied to that customer. A number nobody has can become a new customer (新建客户) from here.
 */
export function CustomerCard({ pop: given, call }: { pop: ScreenPop; call?: CallView }) {
  const { t } = useTranslation('waybills');
  // After a customer was created from this card, the pop looked up again (a call's pop is the
  // softphone's to replace; until it does, this card shows the fresh one).
  const refreshed = useDesk((s) => s.refreshedPop);
  const pop = refreshed?.from === given ? refreshed.to : given;
  const formOpen = useDesk((s) => s.customerForm?.origin === pop);
  const notice = useDesk((s) =>
    s.customerNotice?.number === pop.number ? s.customerNotice : null,
  );
  const openCustomerForm = useDesk((s) => s.openCustomerForm);
  const createButton = (
    <Button size="small" onClick={() => openCustomerForm(pop)}>
      {t('pop.createCustomer')}
    </Button>
  );
  const linkCall = useCallLink();
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
      {notice && (
        <Alert
          type={notice.sharedPhones.length > 0 ? 'warning' : 'success'}
          role="status"
          showIcon
          title={t('pop.created', { name: notice.name })}
          description={
            notice.sharedPhones.length > 0 &&
            notice.sharedPhones.map((s) => (
              <div key={s.phoneMasked}>
                {t('pop.sharedPhone', {
                  phone: s.phoneMasked,
                  names: s.customers.map((c) => c.name).join('、'),
                })}
              </div>
            ))
          }
          style={{ marginBottom: 8 }}
        />
      )}
      {formOpen && <CustomerForm origin={pop} />}
      {pop.customers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pop.unknown')}>
          {createButton}
        </Empty>
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
              {call && call.customerId === c.id && <Tag color="blue">{t('pop.linked')}</Tag>}
              {call && pop.customers.length > 1 && call.customerId !== c.id && (
                <Button
                  size="small"
                  aria-label={t('pop.thisCallerFor', { name: c.name })}
                  onClick={() => void linkCall(call.id, c.id)}
                >
                  {t('pop.thisCaller')}
                </Button>
              )}
            </Space>
          ))}
          {/* A shared phone (family, office): the caller may be someone else. */}
          <div>{createButton}</div>
          {pop.lastContacts.length > 0 && (
            <Descriptions size="small" column={1} title={t('pop.lastContacts')}>
              <Descriptions.Item>
                <List
                  size="small"
                  dataSource={pop.lastContacts}
                  renderItem={(c) => (
                    <List.Item>
                      {formatLocalTime(c.at, timeZone)} · {t(`pop.${c.direction}`)} ·{' '}
                      {t(`pop.outcomes.${c.outcome}`)}
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
