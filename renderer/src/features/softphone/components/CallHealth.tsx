/**
 * What the live-call panel shows of a dead call or the customer's hold
 * (docs/adr/0012-dead-calls-and-remote-hold.md): the customer's own hold, apart from the agent's
 * hold tag and timer, and the silence warning with its countdown and the keep button.
 */
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallView } from '@shared/softphone/contract';
import { formatDuration } from '@shared/common/format';
import { KeyButton } from './KeyButton';

/** 客户端已保持 with how long the customer has held (purple: never the agent's orange hold). */
export function RemoteHoldTag({ since, now }: { since: number | null; now: number }) {
  const { t } = useTranslation('softphone');
  const held = since === null ? 0 : Math.max(0, now - since);
  return (
    <Tag color="purple" role="status" aria-label={t('call.remoteHold')}>
      {t('call.remoteHold')}{' '}
      <span aria-label={t('call.remoteHoldTime')} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatDuration(held)}
      </span>
    </Tag>
  );
}

/** 对方可能已挂断: how long it has been silent, when the call will be ended, and the keep button. */
export function SilenceWarning({
  silence,
  now,
  onKeep,
}: {
  silence: NonNullable<CallView['silence']>;
  now: number;
  onKeep: () => void;
}) {
  const { t } = useTranslation('softphone');
  const seconds = Math.max(0, Math.floor((now - silence.since) / 1000));
  const left = Math.max(0, Math.ceil((silence.endsAt - now) / 1000));
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      aria-label={t('call.silenceTitle')}
      title={t('call.silenceTitle')}
      description={t('call.silenceBody', { seconds, left })}
      action={
        <KeyButton shortcut="softphone.keepCall" type="primary" onClick={onKeep}>
          {t('call.keepCall')}
        </KeyButton>
      }
    />
  );
}
