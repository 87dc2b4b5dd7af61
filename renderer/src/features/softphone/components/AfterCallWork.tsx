import { Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposition } from '@shared/softphone/call-state';
import { dispositions } from '@shared/softphone/call-state';
import type { CallView, SoftphoneView } from '@shared/softphone/contract';
import { formatDuration } from '@shared/common/format';
import { useDesk } from '../../../app/context';
import { useNow } from '../../../ui/useNow';
import { useShortcuts } from '../../../ui/useShortcuts';
import { agentStateChoices, agentStateKey, useAgentStateLabel } from '../../session';
import { KeyButton } from './KeyButton';

/** After-call work: the disposition (required), notes and the state to go to next. */
export function AfterCallWork() {
  const acw = useDesk((s) => s.phone?.acw ?? null);
  const call = useDesk((s) => s.phone?.call ?? null);
  return acw ? <AcwForm acw={acw} call={call} /> : null;
}

function AcwForm({ acw, call }: { acw: NonNullable<SoftphoneView['acw']>; call: CallView | null }) {
  const { t } = useTranslation('softphone');
  const stateLabel = useAgentStateLabel();
  const now = useNow(500);
  const callAction = useDesk((s) => s.callAction);
  const [disposition, setDisposition] = useState<Disposition | null>(null);
  const [notes, setNotes] = useState('');
  const [next, setNext] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const nextState =
    agentStateChoices.find((s) => agentStateKey(s) === (next ?? agentStateKey(acw.next))) ??
    acw.next;
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
  useShortcuts({
    'softphone.completeAcw': complete,
    'softphone.extendAcw': () => acw.mode === 'timed' && acw.extensionsLeft > 0 && extend(),
  });
  return (
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
          value={agentStateKey(nextState)}
          onChange={setNext}
          options={agentStateChoices.map((s) => ({
            value: agentStateKey(s),
            label: stateLabel(s),
          }))}
        />
        {acw.mode === 'timed' && (
          <KeyButton
            shortcut="softphone.extendAcw"
            disabled={acw.extensionsLeft <= 0}
            onClick={extend}
          >
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
