import { Alert, Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '@shared/common/format';
import { dispositions } from '@shared/softphone/call-state';
import type { CallView } from '@shared/softphone/contract';
import type { ScreenPop } from '@shared/waybills/contract';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDesk } from '../../../app/context';
import type { ShortcutId } from '../../../app/keymap';
import { comboOf } from '../../../app/keymap';
import { useShortcuts } from '../../../ui/useShortcuts';
import { CallerTickets } from '../../complaints';
import { useTimeZone } from '../../session';
import { useCallLink, useDialer, useDispositionLabel } from '../../softphone';
import { statusColor } from '../format';
import { CustomerForm } from './CustomerForm';

const classColor = { A: 'red', B: 'orange', C: 'default' } as const;

/** One key per parcel on the pop, in list order (the pop holds the customer's latest five). */
const parcelKeys = [
  'waybills.popParcel1',
  'waybills.popParcel2',
  'waybills.popParcel3',
  'waybills.popParcel4',
  'waybills.popParcel5',
] as const satisfies readonly ShortcutId[];

/** Mobile and landline numbers inside free text (a courier's scan note), masked. */
const phoneInText = /(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)/g;
const maskPhonesIn = (text: string) => text.replace(phoneInText, (m) => maskPhone(m));

type PopParcel = ScreenPop['waybills'][number];

/**
 * The caller's recent parcels: number, status, route, latest scan (phone numbers in it masked)
 * and problem flags; one key each (shown on it, and in its name) opens its detail.
 */
function RecentParcels({ parcels, keysOn }: { parcels: PopParcel[]; keysOn: boolean }) {
  const { t } = useTranslation('waybills');
  const openWaybill = useDesk((s) => s.openWaybill);
  const bindings: Partial<Record<ShortcutId, () => void>> = {};
  parcels.slice(0, parcelKeys.length).forEach((p, i) => {
    bindings[parcelKeys[i]!] = () => void openWaybill(p.number);
  });
  useShortcuts(bindings, keysOn);
  return (
    <List
      size="small"
      header={<Typography.Text strong>{t('pop.parcels')}</Typography.Text>}
      locale={{ emptyText: t('pop.noParcels') }}
      dataSource={parcels}
      renderItem={(p, i) => {
        const id = parcelKeys[i];
        const combo = id ? comboOf(id) : null;
        const name = t('pop.openParcel', { number: p.number });
        return (
          <List.Item>
            <Space wrap size={4}>
              <Button
                size="small"
                type="link"
                style={{ paddingInline: 0 }}
                onClick={() => void openWaybill(p.number)}
                aria-label={combo ? `${name} ${combo}` : name}
                {...(combo && { 'aria-keyshortcuts': combo })}
              >
                {p.number}
                {combo && <kbd style={{ marginLeft: 4, fontSize: 11 }}>{combo}</kbd>}
              </Button>
              <Tag color={statusColor[p.status] ?? 'default'}>{t(`tracking.${p.status}`)}</Tag>
              <Typography.Text type="secondary">
                {p.originCity} → {p.destCity}
              </Typography.Text>
              {p.anomalies.map((a) => (
                <Tag key={`${a.kind}-${a.since}`} color={a.expired ? 'red' : 'orange'}>
                  {t(`anomaly.${a.kind}.title`)}
                </Tag>
              ))}
              {p.lastEventText && (
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                  {maskPhonesIn(p.lastEventText)}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

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
  const callType = useDispositionLabel();
  const dispositionLabel = (d: string) =>
    (dispositions as readonly string[]).includes(d) ? callType(d) : t('pop.unknownDisposition');
  // The card of the call under way takes the parcel keys; a searched number's card, only when
  // no call's card is on screen.
  const callCardShown = useDesk((s) => {
    const live = s.phone?.call;
    return Boolean(live && live.phase !== 'ended' && s.callPop?.callId === live.id);
  });
  const keysOn = call ? call.phase !== 'ended' : !callCardShown;
  // Click-to-dial: only when the phone is idle (not during the call this card pops for).
  const { canDial, dial } = useDialer();
  return (
    <Card
      size="small"
      title={`${t('pop.title')} ${maskPhone(pop.number)}`}
      role="region"
      aria-label={t('pop.title')}
      extra={
        canDial && (
          <Button
            size="small"
            aria-label={`${t('pop.callBack')} ${maskPhone(pop.number)}`}
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
          {/* Open complaints first: whose they are decides who answers for them (首问). */}
          <CallerTickets tickets={pop.openTickets} />
          <RecentParcels parcels={pop.waybills} keysOn={keysOn} />
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
