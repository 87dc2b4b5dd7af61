import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../app/context';
import { useErrorText } from './error-text';

/**
 * The last refused request, in the agent's language: the code's meaning as the title and, where
 * main gave structured specifics, what they mean (never main's English message). A request refused
 * because the connection is down is not shown while it is: the connection banner says it once.
 */
export function ErrorAlert() {
  const error = useDesk((s) => s.error);
  const connection = useDesk((s) => s.connection);
  const clearError = useDesk((s) => s.clearError);
  const describe = useErrorText();
  const { t } = useTranslation('common');
  if (!error) return null;
  if (error.code === 'DISCONNECTED' && connection !== 'open') return null;
  const { title, description } = describe(error);
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={title}
      description={description}
      closable={{ 'aria-label': t('close'), onClose: clearError }}
      style={{ marginBottom: 12 }}
    />
  );
}
