import { Card, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '@shared/common/format';
import type { CallView } from '@shared/softphone/contract';
import { useDesk } from '../../../app/context';
import { useNow } from '../../../ui/useNow';
import { useShortcuts } from '../../../ui/useShortcuts';
import type { RenderPop } from './call-pop';
import { useCallPop } from './call-pop';
import { KeyButton } from './KeyButton';

/** A ringing call: who, how long it still rings, answer or reject, and the caller's pop. */
export function IncomingCall({ call, renderPop }: { call: CallView; renderPop?: RenderPop }) {
  const { t } = useTranslation('softphone');
  const now = useNow(250);
  const callAction = useDesk((s) => s.callAction);
  const pop = useCallPop(call.id);
  const answer = () => void callAction('call.answer', { callId: call.id });
  // 'call.hangup': main rejects the call while it rings, and hangs it up if it was answered
  // meanwhile (the agent status can show 通话中 a moment before this card gives way).
  const reject = () => void callAction('call.hangup', { callId: call.id });
  useShortcuts({ 'softphone.answer': answer, 'softphone.hangup': reject });
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
            {call.remoteNumber ? maskPhone(call.remoteNumber) : t('call.unknownNumber')}
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
        <KeyButton shortcut="softphone.answer" type="primary" onClick={answer}>
          {t('call.answer')}
        </KeyButton>
        <KeyButton shortcut="softphone.hangup" danger onClick={reject}>
          {t('call.reject')}
        </KeyButton>
      </Space>
      {pop && renderPop && <div style={{ marginTop: 8 }}>{renderPop(pop, call)}</div>}
    </Card>
  );
}

/** A desktop notification when a call rings while the console is not in front. */
function useIncomingNotification(call: CallView) {
  const { t } = useTranslation('softphone');
  useEffect(() => {
    if (typeof Notification === 'undefined' || document.hasFocus()) return;
    if (Notification.permission !== 'granted') return;
    const n = new Notification(
      t('call.notification', {
        number: call.remoteNumber ? maskPhone(call.remoteNumber) : t('call.unknownNumber'),
      }),
      {
        body: call.remoteName ?? '',
        tag: call.id,
        requireInteraction: true,
      },
    );
    n.onclick = () => window.focus();
    return () => n.close();
  }, [call.id, call.remoteNumber, call.remoteName, t]);
}
