import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallView } from '@shared/softphone/contract';
import { KeyButton } from './KeyButton';

/** A consult transfer under way: who the agent talks to; complete, swap parties or cancel. */
export function ConsultControls({
  consult,
  onAction,
}: {
  consult: CallView['transfer'];
  onAction: (action: 'complete' | 'swap' | 'cancel') => void;
}) {
  const { t } = useTranslation('softphone');
  return (
    <Space wrap>
      <Typography.Text>
        {consult.target} ·{' '}
        {t('call.talkingTo', { who: t(`call.${consult.talkingTo ?? 'target'}`) })}
      </Typography.Text>
      <KeyButton
        shortcut="softphone.consultComplete"
        type="primary"
        disabled={consult.phase !== 'talking'}
        onClick={() => onAction('complete')}
      >
        {t('call.consultComplete')}
      </KeyButton>
      <KeyButton
        shortcut="softphone.consultSwap"
        disabled={consult.phase !== 'talking'}
        onClick={() => onAction('swap')}
      >
        {t('call.consultSwap')}
      </KeyButton>
      <KeyButton shortcut="softphone.consultCancel" onClick={() => onAction('cancel')}>
        {t('call.consultCancel')}
      </KeyButton>
    </Space>
  );
}
