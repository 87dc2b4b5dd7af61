import { Alert, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '@shared/common/format';
import type { CallView } from '@shared/softphone/contract';
import { formatDuration } from '@shared/common/format';
import { useDesk } from '../../../app/context';
import { useNow } from '../../../ui/useNow';
import { useShortcuts } from '../../../ui/useShortcuts';
import type { RenderPop } from './call-pop';
import { useCallPop } from './call-pop';
import { RemoteHoldTag, SilenceWarning } from './CallHealth';
import { ConsultControls } from './ConsultControls';
import { KeyButton } from './KeyButton';
import { Keypad } from './Keypad';
import { TransferDialog } from './TransferDialog';

/** How long a held customer waits before the agent is reminded (seconds). */
const holdReminderSeconds = 30;

/** A call being dialled or talked on: its state, hold/mute/keypad/transfer, consult, hang-up. */
export function LiveCall({ call, renderPop }: { call: CallView; renderPop?: RenderPop }) {
  const { t } = useTranslation('softphone');
  const now = useNow(500);
  const callAction = useDesk((s) => s.callAction);
  const pop = useCallPop(call.id);
  const [keypad, setKeypad] = useState(false);
  const [transfer, setTransfer] = useState(false);
  const active = call.phase === 'active';
  const consult = call.transfer.kind === 'consult' ? call.transfer : null;
  const id = { callId: call.id };
  const hangup = () => void callAction('call.hangup', id);
  const toggleHold = () => {
    if (!active) return;
    if (call.hold === 'held') void callAction('call.resume', id);
    else if (call.hold === 'none' || call.hold === 'hold_failed') void callAction('call.hold', id);
  };
  const toggleMute = () => active && void callAction('call.mute', { ...id, muted: !call.muted });
  const consultAction = (action: 'complete' | 'swap' | 'cancel') =>
    void callAction('call.consult', { ...id, action });
  const keep = () => call.silence && void callAction('call.keep', id);
  useShortcuts({
    'softphone.hangup': hangup,
    'softphone.hold': toggleHold,
    'softphone.mute': toggleMute,
    'softphone.keypad': () => active && setKeypad(true),
    'softphone.transfer': () => active && setTransfer(true),
    'softphone.consultComplete': () => consult?.phase === 'talking' && consultAction('complete'),
    'softphone.consultSwap': () => consult?.phase === 'talking' && consultAction('swap'),
    'softphone.consultCancel': () => consult && consultAction('cancel'),
    'softphone.keepCall': keep,
  });
  const talkMs = call.answeredAt ? now - call.answeredAt : 0;
  const holdSeconds = call.holdSince ? Math.floor((now - call.holdSince) / 1000) : 0;
  const state = !active
    ? call.remoteRinging
      ? t('call.remoteRinging')
      : t('call.dialing')
    : (
        {
          none: t('call.active'),
          holding: t('call.holding'),
          held: t('call.held'),
          resuming: t('call.resuming'),
          hold_failed: t('call.active'),
        } as const
      )[call.hold];
  return (
    <Card
      size="small"
      role="region"
      aria-label={t('call.panel')}
      title={
        <Space wrap>
          <Tag
            color={call.hold === 'held' ? 'orange' : 'green'}
            role="status"
            aria-label={t('call.panel')}
          >
            {state}
          </Tag>
          <Typography.Text strong aria-label={t('call.columns.number')}>
            {call.remoteNumber ? maskPhone(call.remoteNumber) : t('call.unknownNumber')}
          </Typography.Text>
          {call.remoteName && <Typography.Text>{call.remoteName}</Typography.Text>}
          {active && (
            <Typography.Text
              aria-label={t('call.duration')}
              style={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {formatDuration(talkMs)}
            </Typography.Text>
          )}
          {call.muted && <Tag color="red">{t('call.muted')}</Tag>}
          {active && call.remoteHold && <RemoteHoldTag since={call.remoteHoldSince} now={now} />}
        </Space>
      }
    >
      <div style={{ display: 'grid', gap: 8 }}>
        {call.reconnecting && <Alert type="warning" showIcon title={t('call.reconnecting')} />}
        {active && call.silence && (
          <SilenceWarning silence={call.silence} now={now} onKeep={keep} />
        )}
        {call.hold === 'hold_failed' && (
          <Alert type="error" showIcon role="alert" title={t('call.holdFailed')} />
        )}
        {call.hold === 'held' && holdSeconds < holdReminderSeconds && (
          <Typography.Text aria-label={t('call.holdTime')}>
            {t('call.holdTime')} {formatDuration(holdSeconds * 1000)}
          </Typography.Text>
        )}
        {call.hold === 'held' && holdSeconds >= holdReminderSeconds && (
          <Alert type="warning" showIcon title={t('call.holdWaiting', { seconds: holdSeconds })} />
        )}
        {call.transferNote && (
          <Typography.Text type="secondary">
            {t('call.transferNote', { note: call.transferNote })}
          </Typography.Text>
        )}
        {call.dtmfSent && (
          <Typography.Text type="secondary">
            {t('call.dtmfSent', { digits: call.dtmfSent })}
          </Typography.Text>
        )}
        <Space wrap>
          {active && (
            <>
              <KeyButton
                shortcut="softphone.hold"
                onClick={toggleHold}
                disabled={call.hold === 'holding' || call.hold === 'resuming' || consult !== null}
              >
                {call.hold === 'held' ? t('call.resume') : t('call.hold')}
              </KeyButton>
              <KeyButton shortcut="softphone.mute" onClick={toggleMute} aria-pressed={call.muted}>
                {call.muted ? t('call.unmute') : t('call.mute')}
              </KeyButton>
              <KeyButton shortcut="softphone.keypad" onClick={() => setKeypad(true)}>
                {t('call.keypad')}
              </KeyButton>
              <KeyButton
                shortcut="softphone.transfer"
                onClick={() => setTransfer(true)}
                disabled={call.transfer.kind !== 'none'}
              >
                {t('call.transfer')}
              </KeyButton>
            </>
          )}
          <KeyButton shortcut="softphone.hangup" danger type="primary" onClick={hangup}>
            {active ? t('call.hangup') : t('call.cancelDial')}
          </KeyButton>
        </Space>
        {consult && <ConsultControls consult={consult} onAction={consultAction} />}
        {pop && renderPop?.(pop, call)}
      </div>
      <Keypad open={keypad} onClose={() => setKeypad(false)} callId={call.id} />
      <TransferDialog open={transfer} onClose={() => setTransfer(false)} callId={call.id} />
    </Card>
  );
}
