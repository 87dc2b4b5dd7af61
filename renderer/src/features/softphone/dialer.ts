import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../app/context';
import { selectCanDial } from './slice';

/** Click-to-dial for other features: whether the phone may dial now, and the two ways to. */
export function useDialer() {
  const canDial = useDesk(selectCanDial);
  const callAction = useDesk((s) => s.callAction);
  const dial = useCallback((number: string) => callAction('call.dial', { number }), [callAction]);
  const dialParty = useCallback(
    (waybillId: string, party: 'sender' | 'receiver') =>
      callAction('call.dialParty', { waybillId, party }),
    [callAction],
  );
  return { canDial, dial, dialParty };
}

/** Ties a call to one of the customers on the caller's number (the pop's picker). */
export function useCallLink() {
  const callAction = useDesk((s) => s.callAction);
  return useCallback(
    (callId: string, customerId: string) => callAction('call.linkCustomer', { callId, customerId }),
    [callAction],
  );
}

/** A call's disposition (小结) as the agent reads it. */
export function useDispositionLabel(): (disposition: string) => string {
  const { t } = useTranslation('softphone');
  // A value this console does not know (an older or newer desk's) reads as 其他, never as a key.
  return useCallback(
    (d: string) => t(`dispositions.${d}`, { defaultValue: t('dispositions.other') }),
    [t],
  );
}
