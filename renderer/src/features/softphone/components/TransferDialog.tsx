import { Input, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';

/** Transfer the call to a number or extension: after consulting (default) or blind. */
export function TransferDialog({
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
  const [target, setTarget] = useState('');
  const [mode, setMode] = useState<'blind' | 'consult'>('consult');
  const submit = async () => {
    if (await callAction('call.transfer', { callId, target, mode })) {
      setTarget('');
      onClose();
    }
  };
  return (
    <Modal
      open={open}
      title={t('call.transferTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('call.transfer')}
      okButtonProps={{ disabled: target.trim() === '' }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          autoFocus
          aria-label={t('call.transferTarget')}
          placeholder={t('call.transferTarget')}
          value={target}
          maxLength={40}
          onChange={(e) => setTarget(e.target.value)}
          onPressEnter={() => void submit()}
        />
        <Radio.Group
          aria-label={t('call.transfer')}
          value={mode}
          onChange={(e) => setMode(e.target.value as 'blind' | 'consult')}
          options={[
            { value: 'consult', label: t('call.consult') },
            { value: 'blind', label: t('call.blind') },
          ]}
        />
      </Space>
    </Modal>
  );
}
