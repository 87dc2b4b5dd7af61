import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { comboOf } from '../../../app/keymap';
import { useDesk } from '../../../app/context';
import { useShortcuts } from '../../../ui/useShortcuts';

/**
 * The call the agent may take an order on: the live call, or the one in after-call work, with its
 * customer (the call's, or the screen pop's only match). Two plain values, so a selector's result
 * stays equal while nothing changed.
 */
function useOrderCall(): { callId: string; customerId: string | null } | null {
  const callId = useDesk((s) => {
    const call = s.phone?.call;
    return (call?.phase === 'active' ? call.id : null) ?? s.phone?.acw?.callId ?? null;
  });
  const customerId = useDesk((s) => {
    const call = s.phone?.call;
    if (!callId) return null;
    if (call?.id === callId && call.customerId) return call.customerId;
    const pop = s.callPop?.callId === callId ? s.callPop.pop : null;
    return pop?.customers.length === 1 ? pop.customers[0]!.id : null;
  });
  return callId ? { callId, customerId } : null;
}

/**
 * 下单 in the call area: opens the 工作单 on the 工单 tab for the caller's customer (pre-filled)
 * and ties the order to the call. Shown, with its shortcut live, while there is a call to take an
 * order on.
 */
export function OrderCallButton() {
  const { t } = useTranslation('orders');
  const call = useOrderCall();
  const openOrderForm = useDesk((s) => s.openOrderForm);
  const open = () => {
    if (call) openOrderForm(call);
  };
  useShortcuts({ 'orders.openForCall': open }, call !== null);
  if (!call) return null;
  const combo = comboOf('orders.openForCall');
  return (
    <div style={{ margin: '8px 0' }}>
      <Button onClick={open} aria-keyshortcuts={combo} title={t('call.openHint')}>
        {t('call.open')}
        <kbd style={{ marginLeft: 4, fontSize: 11 }}>{combo}</kbd>
      </Button>
    </div>
  );
}
