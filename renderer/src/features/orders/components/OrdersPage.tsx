import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, Modal, Segmented, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderSummary, PastOrder } from '@shared/orders/contract';
import { useDesk } from '../../../app/context';
import { toUiError } from '../../../ui/errors';
import type { OrderScope } from '../slice';
import { InsuranceRegister } from './InsuranceRegister';
import { OrderForm } from './OrderForm';
import { OrdersList } from './OrdersList';
import { RateTableCard } from './RateTableCard';

/**
 * 工单: the day's orders and insurance register (the agent's own; a lead may see the team's), and
 * 新建工单 opening the form for an order not tied to a call. The form asked for from the call (下单,
 * the 下单 script) opens at the top of the page, under the call and beside the script, never over
 * them.
 */
export function OrdersPage() {
  const { t } = useTranslation('orders');
  const isLead = useDesk((s) => s.session?.agent.role === 'lead');
  const orderContext = useDesk((s) => s.orderContext);
  const loadOrders = useDesk((s) => s.loadOrders);
  const pastOrder = useDesk((s) => s.pastOrder);
  const request = useDesk((s) => s.orderFormRequest);
  const clearRequest = useDesk((s) => s.clearOrderFormRequest);
  const [day, setDay] = useState<string | null>(null);
  const [scope, setScope] = useState<OrderScope>('mine');
  const [open, setOpen] = useState<Opened | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  // Today as the desk counts it (its time zone), from main.
  useEffect(() => {
    let live = true;
    orderContext(null).then(
      (ctx) => live && setDay(ctx.today),
      (err: unknown) => live && setFailed(toUiError(err).code),
    );
    return () => {
      live = false;
    };
  }, [orderContext]);

  const reload = useCallback(() => {
    if (!day) return;
    loadOrders(day, scope).catch((err: unknown) => setFailed(toUiError(err).code));
  }, [day, scope, loadOrders]);
  useEffect(reload, [reload]);

  const amending = open?.kind === 'amend' ? open.past : null;
  const close = () => setOpen(null);
  /** A past order is read from main (phones by reference) before its form opens. */
  const openPast = (kind: 'amend' | 'repeat', order: OrderSummary) => {
    setFailed(null);
    pastOrder(order.id).then(
      (past) => setOpen({ kind, past }),
      (err: unknown) => setFailed(toUiError(err).code),
    );
  };

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setOpen({ kind: 'new' })}>
          {t('page.newOrder')}
        </Button>
        {isLead && (
          <Segmented<OrderScope>
            aria-label={t('page.scope')}
            value={scope}
            onChange={setScope}
            options={[
              { value: 'mine', label: t('page.mine') },
              { value: 'team', label: t('page.team') },
            ]}
          />
        )}
        <Button onClick={reload}>{t('page.refresh')}</Button>
      </Space>
      {request && (
        <Card
          size="small"
          title={t('call.formTitle')}
          style={{ marginBottom: 16 }}
          extra={
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              aria-label={t('call.close')}
              onClick={clearRequest}
            />
          }
        >
          <OrderForm
            // A new request (the same caller asked for again included) starts a fresh form.
            key={request.seq}
            customerId={request.customerId}
            callId={request.callId}
            onDone={clearRequest}
          />
        </Card>
      )}
      {failed && <ErrorLine code={failed} />}
      <OrdersList onAmend={(o) => openPast('amend', o)} onRepeat={(o) => openPast('repeat', o)} />
      <div style={{ marginTop: 16 }}>
        <InsuranceRegister />
      </div>
      {isLead && (
        <div style={{ marginTop: 16 }}>
          <RateTableCard />
        </div>
      )}
      <Modal
        open={open !== null}
        title={
          amending ? t('form.amendTitle', { number: amending.summary.number }) : t('form.title')
        }
        onCancel={close}
        footer={null}
        width={1100}
        destroyOnHidden
      >
        {open?.kind === 'new' && <OrderForm customerId={null} callId={null} onDone={close} />}
        {open?.kind === 'repeat' && (
          <OrderForm customerId={null} callId={null} onDone={close} repeat={open.past} />
        )}
        {amending && <OrderForm customerId={null} callId={null} onDone={close} amend={amending} />}
      </Modal>
    </div>
  );
}

type Opened = { kind: 'new' } | { kind: 'amend' | 'repeat'; past: PastOrder };

function ErrorLine({ code }: { code: string }) {
  const { t } = useTranslation('common');
  return (
    <div role="alert" style={{ color: '#cf1322', marginBottom: 8 }}>
      {t(`errors.${code}`)}
    </div>
  );
}
