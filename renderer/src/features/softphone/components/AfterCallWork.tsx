import { Alert, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState } from '@shared/session/agent-state';
import type { Disposition } from '@shared/softphone/call-state';
import { dispositions } from '@shared/softphone/call-state';
import type { CallView, SoftphoneView } from '@shared/softphone/contract';
import { formatDuration, maskPhone } from '@shared/common/format';
import { useDesk } from '../../../app/context';
import { comboOf } from '../../../app/keymap';
import { useNow } from '../../../ui/useNow';
import { useShortcuts } from '../../../ui/useShortcuts';
import { agentStateChoices, agentStateKey, useAgentStateLabel } from '../../session';
import { KeyButton } from './KeyButton';

/** Timed ACW warns this long before it files the default call type on its own. */
export const acwWarningMs = 10_000;
const signOutKey = 'offline';
const extendKey = comboOf('softphone.extendAcw');

/**
 * After-call work: the disposition (required), notes and the state to go to next — the agent's
 * pick for after the call (本通话后), the same one the status bar shows and cancels. In its last
 * 10 s, timed ACW warns that it will file the default call type (自动归类), with the extend key.
 */
export function AfterCallWork() {
  const acw = useDesk((s) => s.phone?.acw ?? null);
  const call = useDesk((s) => s.phone?.call ?? null);
  return acw ? <AcwForm acw={acw} call={call} /> : null;
}

function AcwForm({ acw, call }: { acw: NonNullable<SoftphoneView['acw']>; call: CallView | null }) {
  const { t } = useTranslation('softphone');
  const { t: ts } = useTranslation('session');
  const stateLabel = useAgentStateLabel();
  const now = useNow(500);
  const callAction = useDesk((s) => s.callAction);
  const afterCall = useDesk((s) => s.session?.afterCall ?? null);
  const setAgentState = useDesk((s) => s.setAgentState);
  const signOut = useDesk((s) => s.signOut);
  const [disposition, setDisposition] = useState<Disposition | null>(null);
  const [notes, setNotes] = useState('');
  const [tried, setTried] = useState(false);
  // Main applies the pick for after the call when there is one; else the ACW's own next state.
  const nextState: AgentState = afterCall && afterCall.status !== 'offline' ? afterCall : acw.next;
  const shownNext = afterCall?.status === 'offline' ? signOutKey : agentStateKey(nextState);
  const canExtend = acw.mode === 'timed' && acw.extensionsLeft > 0;
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
  const pickNext = (key: string) => {
    if (key === signOutKey) {
      void signOut();
      return;
    }
    const target = agentStateChoices.find((s) => agentStateKey(s) === key);
    if (target) void setAgentState(target);
  };
  useShortcuts({
    'softphone.completeAcw': complete,
    'softphone.extendAcw': () => canExtend && extend(),
  });
  // Whole seconds, rounded up: the countdown and the warning say the same number.
  const left =
    acw.deadline === null ? null : Math.ceil(Math.max(0, acw.deadline - now) / 1000) * 1000;
  const warn = left !== null && left <= acwWarningMs;
  const number = call
    ? call.remoteNumber
      ? maskPhone(call.remoteNumber)
      : t('call.unknownNumber')
    : null;
  return (
    <Card
      size="small"
      role="region"
      aria-label={t('acw.title')}
      title={
        <Space>
          <Tag color="purple">{t('acw.title')}</Tag>
          {number && <Typography.Text>{number}</Typography.Text>}
          {call?.cause && (
            <Typography.Text type="secondary">{t(`call.causes.${call.cause}`)}</Typography.Text>
          )}
        </Space>
      }
      extra={
        left !== null ? (
          <Typography.Text
            aria-label={t('acw.remaining', { time: '' }).trim()}
            type={warn ? 'danger' : undefined}
            strong={warn}
          >
            {t('acw.remaining', { time: formatDuration(left) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('acw.untilDone')}</Typography.Text>
        )
      }
    >
      {warn && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 8 }}
          title={
            canExtend
              ? t('acw.timeoutWarning', {
                  seconds: left / 1000,
                  disposition: t(`dispositions.${acw.defaultDisposition}`),
                  key: extendKey,
                })
              : t('acw.timeoutFinal', {
                  seconds: left / 1000,
                  disposition: t(`dispositions.${acw.defaultDisposition}`),
                })
          }
        />
      )}
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
          title={afterCall ? t('acw.nextPicked') : undefined}
          style={{ width: 180 }}
          value={shownNext}
          onChange={pickNext}
          options={[
            ...agentStateChoices.map((s) => ({ value: agentStateKey(s), label: stateLabel(s) })),
            { value: signOutKey, label: ts('afterCall.signOut') },
          ]}
        />
        {acw.mode === 'timed' && (
          <KeyButton shortcut="softphone.extendAcw" disabled={!canExtend} onClick={extend}>
            {t('acw.extend')} ({acw.extensionsLeft})
          </KeyButton>
        )}
        <KeyButton shortcut="softphone.completeAcw" type="primary" onClick={complete}>
          {t('acw.complete')}
        </KeyButton>
      </Space>
      {tried && !disposition && (
        <Typography.Text type="danger" role="alert">
          {t('acw.dispositionRequired')}
        </Typography.Text>
      )}
    </Card>
  );
}
