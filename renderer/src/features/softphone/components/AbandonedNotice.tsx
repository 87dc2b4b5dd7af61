import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallView } from '@shared/softphone/contract';
import { maskPhone } from '@shared/common/format';
import { useShortcuts } from '../../../ui/useShortcuts';
import { useDialer } from '../dialer';
import { KeyButton } from './KeyButton';

/**
 * A caller gave up while the phone rang: say so (it is not the agent's missed call) and offer to
 * call them back (by key too, unless the missed-call banner owns the key), with the number masked as
 * everywhere else.
 */
export function AbandonedNotice({ call, shortcut = true }: { call: CallView; shortcut?: boolean }) {
  const { t } = useTranslation('softphone');
  const { canDial, dial } = useDialer();
  const number = call.remoteNumber ? maskPhone(call.remoteNumber) : t('call.unknownNumber');
  const callBack = () => {
    if (call.remoteNumber && canDial) void dial(call.remoteNumber);
  };
  useShortcuts(
    { 'softphone.callBackMissed': callBack },
    shortcut && Boolean(call.remoteNumber) && canDial,
  );
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      title={t('call.abandonedTitle')}
      description={t('call.abandonedBody', { number })}
      action={
        call.remoteNumber && (
          <KeyButton
            shortcut="softphone.callBackMissed"
            size="small"
            disabled={!canDial}
            aria-label={t('call.callBackNumber', { number })}
            onClick={callBack}
          >
            {t('call.callBack')}
          </KeyButton>
        )
      }
    />
  );
}
