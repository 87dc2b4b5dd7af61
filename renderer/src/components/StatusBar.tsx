import { Button, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { breakReasons, notReadyReasons } from '@shared/session/agent-state';
import type { AgentState } from '@shared/session/agent-state';
import { formatDuration } from '@shared/common/format';
import { useNow } from '../hooks/useNow';
import { useShortcuts } from '../hooks/useShortcuts';
import { useDesk } from '../store';

const statusColor: Record<AgentState['status'], string> = {
  offline: 'default',
  ready: 'green',
  not_ready: 'orange',
  break: 'gold',
  ringing: 'magenta',
  in_call: 'blue',
  after_call_work: 'purple',
};

/** 示忙 reasons an agent may pick (login and missed_offer are the system's own). */
const pickableNotReady = notReadyReasons.filter((r) => r !== 'login' && r !== 'missed_offer');

type Picker = null | 'not_ready' | 'break';

export const shortcutKeys = { ready: 'F2', notReady: 'F3', break: 'F4' } as const;

export function StatusBar() {
  const { t } = useTranslation();
  const session = useDesk((s) => s.session);
  const busy = useDesk((s) => s.busy);
  const setAgentState = useDesk((s) => s.setAgentState);
  const signOut = useDesk((s) => s.signOut);
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

  useShortcuts(
    picker
      ? Object.fromEntries(reasons.map((r, i) => [String(i + 1), () => choose(r)]))
      : {
          [shortcutKeys.ready]: () => void setAgentState({ status: 'ready' }),
          [shortcutKeys.notReady]: () => setPicker('not_ready'),
          [shortcutKeys.break]: () => setPicker('break'),
        },
    session !== null && !confirmSignOut,
  );

  if (!session) return null;
  const { state } = session;
  const reason = 'reason' in state ? t(`reasons.${state.reason}`) : null;

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
      <Space size={6}>
        <Button
          onClick={() => void setAgentState({ status: 'ready' })}
          disabled={busy || state.status === 'ready'}
          aria-keyshortcuts={shortcutKeys.ready}
          title={shortcutKeys.ready}
        >
          {t('status.setReady')} <kbd>{shortcutKeys.ready}</kbd>
        </Button>
        <Button
          onClick={() => setPicker('not_ready')}
          disabled={busy}
          aria-keyshortcuts={shortcutKeys.notReady}
          title={shortcutKeys.notReady}
        >
          {t('status.setNotReady')} <kbd>{shortcutKeys.notReady}</kbd>
        </Button>
        <Button
          onClick={() => setPicker('break')}
          disabled={busy}
          aria-keyshortcuts={shortcutKeys.break}
          title={shortcutKeys.break}
        >
          {t('status.setBreak')} <kbd>{shortcutKeys.break}</kbd>
        </Button>
        <Button danger onClick={() => setConfirmSignOut(true)} disabled={busy}>
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
            <Button key={r} onClick={() => choose(r)} aria-keyshortcuts={String(i + 1)}>
              {t(`reasons.${r}`)} <kbd>{i + 1}</kbd>
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
        {t('status.signOutConfirm')}
      </Modal>
    </section>
  );
}
