import { Button, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import type { DeviceChoice } from '../media/engine';
import { mediaEngine } from '../media/host';

/** Microphone / speaker / ringer pickers, the pre-shift self-test, and the ringing options. */
export function DevicesPanel() {
  const { t } = useTranslation('softphone');
  const devices = useDesk((s) => s.devices);
  const options = useDesk((s) => s.phone?.options);
  const callAction = useDesk((s) => s.callAction);
  const [result, setResult] = useState<string | null>(null);
  const choose = (patch: Partial<DeviceChoice>) => void mediaEngine()?.choose(patch);
  const picker = (key: keyof DeviceChoice, list: { deviceId: string; label: string }[]) => (
    <Select<string>
      aria-label={t(`devices.${key}`)}
      style={{ width: '100%' }}
      value={devices?.choice[key] ?? ''}
      onChange={(deviceId) => choose({ [key]: deviceId })}
      options={[
        { value: '', label: t('devices.systemDefault') },
        ...list
          .filter((d) => d.deviceId !== 'default' && d.deviceId !== '')
          .map((d) => ({ value: d.deviceId, label: d.label })),
      ]}
    />
  );
  return (
    <section aria-label={t('devices.title')}>
      <Typography.Title level={5}>{t('devices.title')}</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label>
          {t('devices.mic')}
          {picker('mic', devices?.lists.inputs ?? [])}
        </label>
        <label>
          {t('devices.speaker')}
          {picker('speaker', devices?.lists.outputs ?? [])}
        </label>
        <label>
          {t('devices.ringer')}
          {picker('ringer', devices?.lists.outputs ?? [])}
        </label>
        <Space wrap>
          <Button
            disabled={!mediaEngine()}
            onClick={() => {
              setResult(null);
              void mediaEngine()
                ?.selfTest()
                .then(
                  (r) =>
                    setResult(
                      t('devices.selfTestResult', {
                        peak: r.micPeak,
                        speaker: r.speakerPlayed ? t('devices.ok') : t('devices.failed'),
                      }),
                    ),
                  (err: unknown) => setResult(String(err)),
                );
            }}
          >
            {t('devices.selfTest')}
          </Button>
          {result && (
            <Typography.Text role="status" aria-label={t('devices.selfTest')}>
              {result}
            </Typography.Text>
          )}
        </Space>
        {options && (
          <Space wrap>
            <Switch
              aria-label={t('devices.autoAnswer')}
              checked={options.autoAnswer}
              onChange={(autoAnswer) => void callAction('softphone.setOptions', { autoAnswer })}
            />
            <span>{t('devices.autoAnswer')}</span>
            <span>{t('devices.ringTimeout')}</span>
            <InputNumber
              aria-label={t('devices.ringTimeout')}
              min={5}
              max={120}
              value={options.ringTimeoutSeconds}
              onChange={(v) =>
                typeof v === 'number' &&
                void callAction('softphone.setOptions', { ringTimeoutSeconds: v })
              }
            />
          </Space>
        )}
      </Space>
    </section>
  );
}
