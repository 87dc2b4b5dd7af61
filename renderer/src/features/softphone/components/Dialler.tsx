import { Button, Input, Space } from 'antd';
import type { InputRef } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import { comboOf } from '../../../app/keymap';
import { useShortcuts } from '../../../ui/useShortcuts';

/** No call: a number to dial (the shortcut puts the cursor in it). */
export function Dialler() {
  const { t } = useTranslation('softphone');
  const callAction = useDesk((s) => s.callAction);
  const sip = useDesk((s) => s.sipHealth?.state);
  const [number, setNumber] = useState('');
  const input = useRef<InputRef>(null);
  useShortcuts({ 'softphone.dial': () => input.current?.focus() });
  const dial = async () => {
    if (await callAction('call.dial', { number })) setNumber('');
  };
  return (
    <Space.Compact style={{ maxWidth: 420 }}>
      <Input
        ref={input}
        aria-label={t('call.dialNumber')}
        aria-keyshortcuts={comboOf('softphone.dial')}
        placeholder={t('call.dialPlaceholder', { keys: comboOf('softphone.dial') })}
        value={number}
        maxLength={40}
        onChange={(e) => setNumber(e.target.value)}
        onPressEnter={() => void dial()}
      />
      <Button
        type="primary"
        disabled={number.trim() === '' || sip !== 'registered'}
        onClick={() => void dial()}
      >
        {t('call.dial')}
      </Button>
    </Space.Compact>
  );
}
