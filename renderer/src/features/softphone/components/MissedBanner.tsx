import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import { useShortcuts } from '../../../ui/useShortcuts';
import { KeyButton } from './KeyButton';

/** A missed offer put the agent in 示忙: no new call rings until they acknowledge it. */
export function MissedBanner() {
  const { t } = useTranslation('softphone');
  const setAgentState = useDesk((s) => s.setAgentState);
  const acknowledge = () => void setAgentState({ status: 'ready' });
  useShortcuts({ 'softphone.acknowledgeMissed': acknowledge });
  return (
    <Alert
      type="warning"
      showIcon
      title={t('call.missedTitle')}
      description={t('call.missedBody')}
      action={
        <KeyButton shortcut="softphone.acknowledgeMissed" type="primary" onClick={acknowledge}>
          {t('call.acknowledge')}
        </KeyButton>
      }
    />
  );
}
