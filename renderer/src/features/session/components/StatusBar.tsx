import { Button, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { breakReasons, inCallFlow } from '@shared/session/agent-state';
import type { AgentState } from '@shared/session/agent-state';
import { formatDuration } from '@shared/common/format';
import { useDesk } from '../../../app/context';
import { comboOf, dialogKeys } from '../../../app/keymap';
import { useNow } from '../../../ui/useNow';
import { useDialogKeys, useShortcuts } from '../../../ui/useShortcuts';
import { pickableNotReady, useAgentStateLabel } from '../agent-states';

const statusColor: Record<AgentState['status'], string> = {
  offline: 'default',
  ready: 'green',
  not_ready: 'orange',
  break: 'gold',
  ringing: 'magenta',
  in_call: 'blue',
  after_call_work: 'purple',
};

type Picker = null | 'not_ready' | 'break';

const readyKey = comboOf('session.ready');
const notReadyKey = comboOf('session.notReady');
const breakKey = comboOf('session.break');
const reasonKeys = dialogKeys['session.reasonPicker'];
const cancelAfterCallKey = comboOf('session.cancelAfterCall');

/**
 * The agent's state and time in it, the state buttons (F2/F3/F4) and sign-out. During a call
 * (振铃/通话/话后) the same buttons pick the state for after the call (本通话后), which main keeps
 * and applies when the call and its after-call work end; the pick shows here, cancellable (by key too).
 */
export function StatusBar() {
  const { t } = useTranslation('session');
  const stateLabel = useAgentStateLabel();
  const session = useDesk((s) => s.session);
  const busy = useDesk((s) => s.busy);
  const setAgentState = useDesk((s) => s.setAgentState);
  const signOut = useDesk((s) => s.signOut);
  const cancelAfterCall = useDesk((s) => s.cancelAfterCall);
  const now = useNow(1000);
  const [picker, setPicker] = useState<Picker>(null);
  const [confirmSignOut, setConfirmSignOut] = useState(false);

  const reasons =
    picker === 'not_ready' ? pickableNotReady : picker === 'break' ? breakReasons : [];
  const choose = (reason: string) => {
    setPicker(null);
    const target =
      picker === 'not_ready'
        ? ({ status: 'not_ready', reason } as AgentState)
        : ({ status: 'break', reason } as AgentState);
    void setAgentState(target);
  };

  const enabled = session !== null && !confirmSignOut;
  useShortcuts(
    {
      'session.ready': () => void setAgentState({ status: 'ready' }),
      'session.notReady': () => setPicker('not_ready'),
      'session.break': () => setPicker('break'),
    },
    enabled && !picker,
  );
  useShortcuts(
    { 'session.cancelAfterCall': () => void cancelAfterCall() },
    enabled && !picker && !busy && Boolean(session?.afterCall),
  );
  // While the reason picker is open, 1–9 choose its reasons (and F2–F4 rest).
  useDialogKeys(
    Object.fromEntries(reasons.map((r, i) => [reasonKeys[i]!, () => choose(r)])),
    enabled && picker !== null,
  );

  if (!session) return null;
  const { state } = session;
  const reason = 'reason' in state ? t(`reasons.${state.reason}`) : null;
  const during = inCallFlow(state);
  const afterCall = session.afterCall ?? null;
  const afterCallText = afterCall
    ? afterCall.status === 'offline'
      ? t('afterCall.signOut')
      : stateLabel(afterCall)
    : null;
  // During a call the buttons pick for after it, and say so to assistive tech.
  const named = (action: string) =>
    during ? t('afterCall.buttonLabel', { action: action.replace(/…$/, '') }) : undefined;
  const readyTaken = during ? afterCall?.status === 'ready' : state.status === 'ready';

  return (
    <section
      aria-label={t('status.label')}
      style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}
    >
      <Space size={4}>
        <Tag
          color={statusColor[state.status]}
          role="status"
          aria-label={t('status.label')}
          style={{ fontSize: 14, padding: '2px 10px' }}
        >
          {t(`status.${state.status}`)}
          {reason ? ` · ${reason}` : ''}
        </Tag>
        <Typography.Text
          aria-label={t('status.timeInState')}
          style={{ fontVariantNumeric: 'tabular-nums', minWidth: 56 }}
        >
          {formatDuration(now - session.stateSince)}
        </Typography.Text>
      </Space>
      {afterCallText && (
        <Space size={4} role="status" aria-label={t('afterCall.label')}>
          <Tag color="cyan" title={t('afterCall.hint')} style={{ fontSize: 13 }}>
            {t('afterCall.pending', { state: afterCallText })}
          </Tag>
          <Button
            size="small"
            onClick={() => void cancelAfterCall()}
            disabled={busy}
            aria-label={t('afterCall.cancelNamed', { state: afterCallText })}
            aria-keyshortcuts={cancelAfterCallKey}
            title={cancelAfterCallKey}
          >
            {t('status.cancel')} <kbd>{cancelAfterCallKey}</kbd>
          </Button>
        </Space>
      )}
      <Space size={6}>
        <Button
          onClick={() => void setAgentState({ status: 'ready' })}
          disabled={busy || readyTaken}
          aria-label={named(t('status.setReady'))}
          aria-keyshortcuts={readyKey}
          title={readyKey}
        >
          {t('status.setReady')} <kbd>{readyKey}</kbd>
        </Button>
        <Button
          onClick={() => setPicker('not_ready')}
          disabled={busy}
          aria-label={named(t('status.setNotReady'))}
          aria-keyshortcuts={notReadyKey}
          title={notReadyKey}
        >
          {t('status.setNotReady')} <kbd>{notReadyKey}</kbd>
        </Button>
        <Button
          onClick={() => setPicker('break')}
          disabled={busy}
          aria-label={named(t('status.setBreak'))}
          aria-keyshortcuts={breakKey}
          title={breakKey}
        >
          {t('status.setBreak')} <kbd>{breakKey}</kbd>
        </Button>
        <Button
          danger
          onClick={() => setConfirmSignOut(true)}
          disabled={busy || afterCall?.status === 'offline'}
          aria-label={named(t('status.signOut'))}
        >
          {t('status.signOut')}
        </Button>
      </Space>
      <Modal
        open={picker !== null}
        title={
          picker === 'break' ? t('status.chooseBreakReason') : t('status.chooseNotReadyReason')
        }
        onCancel={() => setPicker(null)}
        footer={null}
        destroyOnHidden
      >
        <Space wrap>
          {reasons.map((r, i) => (
            <Button key={r} onClick={() => choose(r)} aria-keyshortcuts={reasonKeys[i]}>
              {t(`reasons.${r}`)} <kbd>{reasonKeys[i]}</kbd>
            </Button>
          ))}
        </Space>
      </Modal>
      <Modal
        open={confirmSignOut}
        title={t('status.signOut')}
        okText={t('status.confirm')}
        cancelText={t('status.cancel')}
        onOk={() => {
          setConfirmSignOut(false);
          void signOut();
        }}
        onCancel={() => setConfirmSignOut(false)}
      >
        {during ? t('status.signOutAfterCallConfirm') : t('status.signOutConfirm')}
      </Modal>
    </section>
  );
}
