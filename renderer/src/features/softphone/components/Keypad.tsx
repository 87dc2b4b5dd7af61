import { Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import { dialogKeys } from '../../../app/keymap';
import { useDialogKeys } from '../../../ui/useShortcuts';

const keypadKeys = dialogKeys['softphone.keypad'];

/** The DTMF keypad: buttons, and the same keys typed while it is open. */
export function Keypad({
  open,
  onClose,
  callId,
}: {
  open: boolean;
  onClose: () => void;
  callId: string;
}) {
  const { t } = useTranslation('softphone');
  const callAction = useDesk((s) => s.callAction);
  const send = (tones: string) => void callAction('call.dtmf', { callId, tones });
  useDialogKeys(Object.fromEntries(keypadKeys.map((k) => [k, () => send(k)])), open);
  return (
    <Modal open={open} title={t('call.keypadTitle')} onCancel={onClose} footer={null} width={260}>
      <div
        role="group"
        aria-label={t('call.keypad')}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}
      >
        {keypadKeys.map((k) => (
          <Button
            key={k}
            size="large"
            onClick={() => send(k)}
            aria-label={`${t('call.keypad')} ${k}`}
          >
            {k}
          </Button>
        ))}
      </div>
    </Modal>
  );
}
