import { Button, Modal, Segmented, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderSummary } from '@shared/orders/contract';
import { useDesk } from '../../../app/context';
import { toUiError } from '../../../ui/errors';
import type { OrderScope } from '../slice';
import { InsuranceRegister } from './InsuranceRegister';
import { OrderForm } from './OrderForm';
import { OrdersList } from './OrdersList';

/**
 * 工单: the day's orders and insurance register (the agent's own; a lead may see the team's), and
 * 新建工单 opening the form for an order not tied to a call.
 */
export function OrdersPage() {
  const { t } = useTranslation('orders');
  const isLead = useDesk((s) => s.session?.agent.role === 'lead');
  const orderContext = useDesk((s) => s.orderContext);
  const loadOrders = useDesk((s) => s.loadOrders);
  const drafts = useDesk((s) => s.orderDrafts);
  const [day, setDay] = useState<string | null>(null);
  const [scope, setScope] = useState<OrderScope>('mine');
  const [open, setOpen] = useState<'new' | OrderSummary | null>(null);
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

  const amending = open !== null && open !== 'new' ? open : null;
  const amendDraft = amending ? drafts[amending.id] : undefined;
  const close = () => setOpen(null);

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setOpen('new')}>
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
      {failed && <ErrorLine code={failed} />}
      <OrdersList onAmend={(o) => setOpen(o)} />
      <div style={{ marginTop: 16 }}>
        <InsuranceRegister />
      </div>
      <Modal
        open={open !== null}
        title={amending ? t('form.amendTitle', { number: amending.number }) : t('form.title')}
        onCancel={close}
        footer={null}
        width={1100}
        destroyOnHidden
      >
        {open === 'new' && <OrderForm customerId={null} callId={null} onDone={close} />}
        {amending && amendDraft && (
          <OrderForm
            customerId={null}
            callId={null}
            onDone={close}
            amend={{ order: amending, draft: amendDraft }}
          />
        )}
      </Modal>
    </div>
  );
}

function ErrorLine({ code }: { code: string }) {
  const { t } = useTranslation('common');
  return (
    <div role="alert" style={{ color: '#cf1322', marginBottom: 8 }}>
      {t(`errors.${code}`)}
    </div>
  );
}
