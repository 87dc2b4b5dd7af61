import { Alert, Button, Card, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import type { ButtonProps, InputRef } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState } from '@shared/session/agent-state';
import { breakReasons, notReadyReasons } from '@shared/session/agent-state';
import type { Disposition } from '@shared/softphone/call-state';
import { dispositions } from '@shared/softphone/call-state';
import type { CallView } from '@shared/contract';
import { formatDuration } from '@shared/common/format';
import { useNow } from '../hooks/useNow';
import { useShortcuts } from '../hooks/useShortcuts';
import { useDesk } from '../store';
import { CustomerCard } from './CustomerCard';

/** Alt + letter for every call control (F2–F4 stay with the agent states). */
export const callKeys = {
  answer: 'a',
  hangup: 'h',
  hold: 'o',
  mute: 'm',
  transfer: 't',
  keypad: 'k',
  dial: 'd',
  completeAcw: 's',
  extendAcw: 'e',
  consultComplete: 'c',
  consultSwap: 'w',
  consultCancel: 'x',
  acknowledgeMissed: 'r',
} as const;
export const keyLabel = (k: string) => `Alt+${k.toUpperCase()}`;

/** How long a held customer waits before the agent is reminded (seconds). */
const holdReminderSeconds = 30;

/** A call-control button with its Alt shortcut: declared for assistive tech and shown. */
function KeyButton({ k, children, ...props }: ButtonProps & { k: string }) {
  return (
    <Button {...props} aria-keyshortcuts={keyLabel(k)}>
      {children}
      <kbd style={{ marginLeft: 4, fontSize: 11 }}>{keyLabel(k)}</kbd>
    </Button>
  );
}

/** The call area above the workspace: ringing, the live call, after-call work, or the dialler. */
export function CallPanel() {
  const { t } = useTranslation();
  const phone = useDesk((s) => s.phone);
  const session = useDesk((s) => s.session);
  const mediaError = useDesk((s) => s.mediaError);
  const call = phone?.call ?? null;
  const live = call && call.phase !== 'ended' ? call : null;
  const missed = session?.state.status === 'not_ready' && session.state.reason === 'missed_offer';
  return (
    <section aria-label={t('call.panel')} style={{ marginBottom: 12, display: 'grid', gap: 8 }}>
      {mediaError && (
        <Alert type="error" showIcon title={t('call.noMedia', { error: mediaError })} />
      )}
      {missed && <MissedBanner />}
      {live?.phase === 'offering' && <Incoming call={live} />}
      {live && live.phase !== 'offering' && <LiveCall call={live} />}
      {!live && phone?.acw && <AfterCallWork />}
      {!live && !phone?.acw && <Dialler />}
    </section>
  );
}

function MissedBanner() {
  const { t } = useTranslation();
  const setAgentState = useDesk((s) => s.setAgentState);
  const acknowledge = () => void setAgentState({ status: 'ready' });
  useShortcuts({ [callKeys.acknowledgeMissed]: acknowledge }, true, { alt: true });
  return (
    <Alert
      type="warning"
      showIcon
      title={t('call.missedTitle')}
      description={t('call.missedBody')}
      action={
        <KeyButton k={callKeys.acknowledgeMissed} type="primary" onClick={acknowledge}>
          {t('call.acknowledge')}
        </KeyButton>
      }
    />
  );
}

function Incoming({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const now = useNow(250);
  const callAction = useDesk((s) => s.callAction);
  const callPop = useDesk((s) => s.callPop);
  const answer = () => void callAction('call.answer', { callId: call.id });
  const reject = () => void callAction('call.reject', { callId: call.id });
  useShortcuts({ [callKeys.answer]: answer, [callKeys.hangup]: reject }, true, { alt: true });
  useIncomingNotification(call);
  const left = call.ringDeadline ? Math.max(0, Math.ceil((call.ringDeadline - now) / 1000)) : null;
  return (
    <Card
      size="small"
      role="alertdialog"
      aria-label={t('call.incoming')}
      title={
        <Space>
          <Tag color="processing">{t('call.incoming')}</Tag>
          <Typography.Text strong aria-label={t('call.columns.number')}>
            {call.remoteNumber}
          </Typography.Text>
          {call.remoteName && <Typography.Text>{call.remoteName}</Typography.Text>}
        </Space>
      }
      extra={
        left !== null && (
          <Typography.Text type="secondary">
            {t('call.ringsFor', { seconds: left })}
          </Typography.Text>
        )
      }
    >
      <Space wrap>
        <KeyButton k={callKeys.answer} type="primary" onClick={answer}>
          {t('call.answer')}
        </KeyButton>
        <KeyButton k={callKeys.hangup} danger onClick={reject}>
          {t('call.reject')}
        </KeyButton>
      </Space>
      {callPop?.callId === call.id && (
        <div style={{ marginTop: 8 }}>
          <CustomerCard pop={callPop.pop} />
        </div>
      )}
    </Card>
  );
}

/** A desktop notification when a call rings while the console is not in front. */
function useIncomingNotification(call: CallView) {
  const { t } = useTranslation();
  useEffect(() => {
    if (typeof Notification === 'undefined' || document.hasFocus()) return;
    if (Notification.permission !== 'granted') return;
    const n = new Notification(t('call.notification', { number: call.remoteNumber }), {
      body: call.remoteName ?? '',
      tag: call.id,
      requireInteraction: true,
    });
    n.onclick = () => window.focus();
    return () => n.close();
  }, [call.id, call.remoteNumber, call.remoteName, t]);
}

function LiveCall({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const now = useNow(500);
  const callAction = useDesk((s) => s.callAction);
  const callPop = useDesk((s) => s.callPop);
  const [keypad, setKeypad] = useState(false);
  const [transfer, setTransfer] = useState(false);
  const active = call.phase === 'active';
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
  useShortcuts(
    {
      [callKeys.hangup]: hangup,
      [callKeys.hold]: toggleHold,
      [callKeys.mute]: toggleMute,
      [callKeys.keypad]: () => active && setKeypad(true),
      [callKeys.transfer]: () => active && setTransfer(true),
      [callKeys.consultComplete]: () => consult?.phase === 'talking' && consultAction('complete'),
      [callKeys.consultSwap]: () => consult?.phase === 'talking' && consultAction('swap'),
      [callKeys.consultCancel]: () => consult && consultAction('cancel'),
    },
    true,
    { alt: true },
  );
  const talkMs = call.answeredAt ? now - call.answeredAt : 0;
  const holdSeconds = call.holdSince ? Math.floor((now - call.holdSince) / 1000) : 0;
  const consult = call.transfer.kind === 'consult' ? call.transfer : null;
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
            {call.remoteNumber}
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
        </Space>
      }
    >
      <div style={{ display: 'grid', gap: 8 }}>
        {call.reconnecting && <Alert type="warning" showIcon title={t('call.reconnecting')} />}
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
                k={callKeys.hold}
                onClick={toggleHold}
                disabled={call.hold === 'holding' || call.hold === 'resuming' || consult !== null}
              >
                {call.hold === 'held' ? t('call.resume') : t('call.hold')}
              </KeyButton>
              <KeyButton k={callKeys.mute} onClick={toggleMute} aria-pressed={call.muted}>
                {call.muted ? t('call.unmute') : t('call.mute')}
              </KeyButton>
              <KeyButton k={callKeys.keypad} onClick={() => setKeypad(true)}>
                {t('call.keypad')}
              </KeyButton>
              <KeyButton
                k={callKeys.transfer}
                onClick={() => setTransfer(true)}
                disabled={call.transfer.kind !== 'none'}
              >
                {t('call.transfer')}
              </KeyButton>
            </>
          )}
          <KeyButton k={callKeys.hangup} danger type="primary" onClick={hangup}>
            {active ? t('call.hangup') : t('call.cancelDial')}
          </KeyButton>
        </Space>
        {consult && (
          <Space wrap>
            <Typography.Text>
              {consult.target} ·{' '}
              {t('call.talkingTo', { who: t(`call.${consult.talkingTo ?? 'target'}`) })}
            </Typography.Text>
            <KeyButton
              k={callKeys.consultComplete}
              type="primary"
              disabled={consult.phase !== 'talking'}
              onClick={() => consultAction('complete')}
            >
              {t('call.consultComplete')}
            </KeyButton>
            <KeyButton
              k={callKeys.consultSwap}
              disabled={consult.phase !== 'talking'}
              onClick={() => consultAction('swap')}
            >
              {t('call.consultSwap')}
            </KeyButton>
            <KeyButton k={callKeys.consultCancel} onClick={() => consultAction('cancel')}>
              {t('call.consultCancel')}
            </KeyButton>
          </Space>
        )}
        {callPop?.callId === call.id && <CustomerCard pop={callPop.pop} />}
      </div>
      <Keypad open={keypad} onClose={() => setKeypad(false)} callId={call.id} />
      <TransferDialog open={transfer} onClose={() => setTransfer(false)} callId={call.id} />
    </Card>
  );
}

const keypadKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

function Keypad({ open, onClose, callId }: { open: boolean; onClose: () => void; callId: string }) {
  const { t } = useTranslation();
  const callAction = useDesk((s) => s.callAction);
  const send = (tones: string) => void callAction('call.dtmf', { callId, tones });
  useShortcuts(Object.fromEntries(keypadKeys.map((k) => [k, () => send(k)])), open);
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

function TransferDialog({
  open,
  onClose,
  callId,
}: {
  open: boolean;
  onClose: () => void;
  callId: string;
}) {
  const { t } = useTranslation();
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

const nextStates: AgentState[] = [
  { status: 'ready' },
  ...notReadyReasons
    .filter((r) => r !== 'login' && r !== 'missed_offer')
    .map((reason) => ({ status: 'not_ready' as const, reason })),
  ...breakReasons.map((reason) => ({ status: 'break' as const, reason })),
];
const stateKey = (s: AgentState) => ('reason' in s ? `${s.status}:${s.reason}` : s.status);

function AfterCallWork() {
  const { t } = useTranslation();
  const now = useNow(500);
  const acw = useDesk((s) => s.phone?.acw ?? null);
  const call = useDesk((s) => s.phone?.call ?? null);
  const callAction = useDesk((s) => s.callAction);
  const [disposition, setDisposition] = useState<Disposition | null>(null);
  const [notes, setNotes] = useState('');
  const [next, setNext] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  if (!acw) return null;
  const nextState =
    nextStates.find((s) => stateKey(s) === (next ?? stateKey(acw.next))) ?? acw.next;
  const extend = () => void callAction('acw.extend', {});
  const complete = () => {
    setTried(true);
    if (!disposition) return;
    void callAction('acw.complete', {
      disposition,
      ...(notes.trim() && { notes: notes.trim() }),
      next: nextState,
    });
  };
  return (
    <AcwShortcut
      keys={{
        [callKeys.completeAcw]: complete,
        [callKeys.extendAcw]: () => acw.mode === 'timed' && acw.extensionsLeft > 0 && extend(),
      }}
    >
      <Card
        size="small"
        role="region"
        aria-label={t('acw.title')}
        title={
          <Space>
            <Tag color="purple">{t('acw.title')}</Tag>
            {call && <Typography.Text>{call.remoteNumber}</Typography.Text>}
            {call?.cause && (
              <Typography.Text type="secondary">{t(`call.causes.${call.cause}`)}</Typography.Text>
            )}
          </Space>
        }
        extra={
          acw.deadline !== null ? (
            <Typography.Text aria-label={t('acw.remaining', { time: '' }).trim()}>
              {t('acw.remaining', { time: formatDuration(Math.max(0, acw.deadline - now)) })}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('acw.untilDone')}</Typography.Text>
          )
        }
      >
        <Space wrap align="start">
          <Select<Disposition>
            aria-label={t('acw.disposition')}
            placeholder={t('acw.disposition')}
            style={{ width: 200 }}
            value={disposition ?? undefined}
            status={tried && !disposition ? 'error' : undefined}
            onChange={setDisposition}
            options={dispositions.map((d) => ({ value: d, label: t(`dispositions.${d}`) }))}
          />
          <Input.TextArea
            aria-label={t('acw.notes')}
            placeholder={t('acw.notes')}
            value={notes}
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 4 }}
            style={{ width: 320 }}
            onChange={(e) => setNotes(e.target.value)}
          />
          <Select<string>
            aria-label={t('acw.next')}
            style={{ width: 180 }}
            value={stateKey(nextState)}
            onChange={setNext}
            options={nextStates.map((s) => ({
              value: stateKey(s),
              label:
                'reason' in s
                  ? `${t(`status.${s.status}`)} · ${t(`reasons.${s.reason}`)}`
                  : t(`status.${s.status}`),
            }))}
          />
          {acw.mode === 'timed' && (
            <KeyButton k={callKeys.extendAcw} disabled={acw.extensionsLeft <= 0} onClick={extend}>
              {t('acw.extend')} ({acw.extensionsLeft})
            </KeyButton>
          )}
          <KeyButton k={callKeys.completeAcw} type="primary" onClick={complete}>
            {t('acw.complete')}
          </KeyButton>
        </Space>
        {tried && !disposition && (
          <Typography.Text type="danger" role="alert">
            {t('acw.dispositionRequired')}
          </Typography.Text>
        )}
      </Card>
    </AcwShortcut>
  );
}

function AcwShortcut({
  keys,
  children,
}: {
  keys: Record<string, () => void>;
  children: ReactNode;
}) {
  useShortcuts(keys, true, { alt: true });
  return <>{children}</>;
}

function Dialler() {
  const { t } = useTranslation();
  const callAction = useDesk((s) => s.callAction);
  const sip = useDesk((s) => s.sipHealth?.state);
  const [number, setNumber] = useState('');
  const input = useRef<InputRef>(null);
  useShortcuts({ [callKeys.dial]: () => input.current?.focus() }, true, { alt: true });
  const dial = async () => {
    if (await callAction('call.dial', { number })) setNumber('');
  };
  return (
    <Space.Compact style={{ maxWidth: 420 }}>
      <Input
        ref={input}
        aria-label={t('call.dialNumber')}
        aria-keyshortcuts={keyLabel(callKeys.dial)}
        placeholder={t('call.dialPlaceholder')}
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
