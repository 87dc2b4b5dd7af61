import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import { AbandonedNotice } from './AbandonedNotice';
import { AfterCallWork } from './AfterCallWork';
import type { RenderPop } from './call-pop';
import { Dialler } from './Dialler';
import { IncomingCall } from './IncomingCall';
import { LiveCall } from './LiveCall';
import { MissedBanner } from './MissedBanner';

/** The call area above the workspace: ringing, the live call, after-call work, or the dialler. */
export function CallPanel({ renderPop }: { renderPop?: RenderPop }) {
  const { t } = useTranslation('softphone');
  const phone = useDesk((s) => s.phone);
  const session = useDesk((s) => s.session);
  const mediaError = useDesk((s) => s.mediaError);
  const call = phone?.call ?? null;
  const live = call && call.phase !== 'ended' ? call : null;
  const missed = session?.state.status === 'not_ready' && session.state.reason === 'missed_offer';
  const abandoned =
    !live &&
    call?.phase === 'ended' &&
    call.direction === 'inbound' &&
    call.cause === 'remote_cancel' &&
    call.answeredAt === null;
  return (
    <section aria-label={t('call.panel')} style={{ marginBottom: 12, display: 'grid', gap: 8 }}>
      {mediaError && (
        <Alert type="error" showIcon title={t('call.noMedia', { error: mediaError })} />
      )}
      {missed && <MissedBanner />}
      {abandoned && <AbandonedNotice call={call} shortcut={!missed} />}
      {live?.phase === 'offering' && <IncomingCall call={live} renderPop={renderPop} />}
      {live && live.phase !== 'offering' && <LiveCall call={live} renderPop={renderPop} />}
      {!live && phone?.acw && <AfterCallWork />}
      {!live && !phone?.acw && <Dialler />}
    </section>
  );
}
