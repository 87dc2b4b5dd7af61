import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallView } from '@shared/softphone/contract';
import { maskPhone } from '@shared/common/format';
import { useDialer } from '../dialer';

/**
 * A caller gave up while the phone rang: say so (it is not the agent's missed call) and offer to
 * call them back, with the number masked as everywhere else.
 */
export function AbandonedNotice({ call }: { call: CallView }) {
  const { t } = useTranslation('softphone');
  const { canDial, dial } = useDialer();
  const number = call.remoteNumber ? maskPhone(call.remoteNumber) : t('call.unknownNumber');
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      title={t('call.abandonedTitle')}
      description={t('call.abandonedBody', { number })}
      action={
        call.remoteNumber && (
          <Button
            size="small"
            disabled={!canDial}
            aria-label={t('call.callBackNumber', { number })}
            onClick={() => void dial(call.remoteNumber)}
          >
            {t('call.callBack')}
          </Button>
        )
      }
    />
  );
}
