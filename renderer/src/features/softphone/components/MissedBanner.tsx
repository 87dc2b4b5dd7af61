import { Alert, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '@shared/common/format';
import { useDesk } from '../../../app/context';
import { useShortcuts } from '../../../ui/useShortcuts';
import { useDialer } from '../dialer';
import type { DeskState } from '../../../app/store';
import { KeyButton } from './KeyButton';

/**
 * The number of the call that rang out: the phone's last call when that is it, else the newest
 * ring-timeout in the agent's history (the agent may have dialled out since). '' if withheld.
 */
export function selectMissedNumber(s: Pick<DeskState, 'phone' | 'callHistory'>): string | null {
  const call = s.phone?.call;
  if (call?.phase === 'ended' && call.direction === 'inbound' && call.cause === 'ring_timeout')
    return call.remoteNumber;
  const record = s.callHistory.find((c) => c.direction === 'inbound');
  return record?.endCause === 'ring_timeout' ? record.remoteNumber : null;
}

/**
 * A missed offer put the agent in 示忙: no new call rings until they acknowledge it. The banner
 * names the caller (masked) and calls them back (its own key) when the phone is free.
 */
export function MissedBanner() {
  const { t } = useTranslation('softphone');
  const setAgentState = useDesk((s) => s.setAgentState);
  const missed = useDesk(selectMissedNumber);
  const refreshHistory = useDesk((s) => s.refreshCallHistory);
  const known = missed !== null;
  // The phone has moved on (or the console was reloaded): the history has the missed call.
  useEffect(() => {
    if (!known) void refreshHistory();
  }, [known, refreshHistory]);
  const { canDial, dial } = useDialer();
  const acknowledge = () => void setAgentState({ status: 'ready' });
  const number = missed ? maskPhone(missed) : t('call.unknownNumber');
  const callBack = () => {
    if (missed && canDial) void dial(missed);
  };
  useShortcuts({
    'softphone.acknowledgeMissed': acknowledge,
    ...(missed && canDial && { 'softphone.callBackMissed': callBack }),
  });
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      title={t('call.missedTitle')}
      description={missed === null ? t('call.missedBody') : t('call.missedFrom', { number })}
      action={
        <Space orientation="vertical">
          <KeyButton shortcut="softphone.acknowledgeMissed" type="primary" onClick={acknowledge}>
            {t('call.acknowledge')}
          </KeyButton>
          {missed && (
            <KeyButton
              shortcut="softphone.callBackMissed"
              disabled={!canDial}
              aria-label={t('call.callBackNumber', { number })}
              onClick={callBack}
            >
              {t('call.callBack')}
            </KeyButton>
          )}
        </Space>
      }
    />
  );
}
