import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../app/context';

/** The last refused request, in the agent's language, with main's specifics underneath. */
export function ErrorAlert() {
  const { t } = useTranslation('common');
  const error = useDesk((s) => s.error);
  const clearError = useDesk((s) => s.clearError);
  if (!error) return null;
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={t(`errors.${error.code}`)}
      description={error.message}
      closable={{ 'aria-label': 'close', onClose: clearError }}
      style={{ marginBottom: 12 }}
    />
  );
}
