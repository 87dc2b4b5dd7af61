/**
 * The media side (the console window holding the microphone) failing or going away. A failed
 * offer/answer is only noted here: sip.js ends the dialog because of it, and the note names the
 * cause when it does. A vanished window ends the call, however far it got.
 */
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';

export class MediaLoss {
  constructor(
    private readonly deps: CallServiceDeps,
    private readonly core: CallCore,
  ) {}

  onMediaError = (callId: string, error: Error): void => {
    const call = this.core.call;
    if (call && (call.id === callId || call.consult?.id === callId)) {
      this.deps.logger.warn('media offer/answer failed', { callId, error: error.message });
      if (call.id === callId) call.mediaError = error.message;
    }
  };

  onMediaLost = (reason: string): void => {
    const call = this.core.call;
    if (!call) {
      this.core.publish();
      return;
    }
    this.deps.logger.warn('ending call: media side lost', { callId: call.id, reason });
    // Only inbound calls are offered and only outbound ones dial; the direction tests are there
    // for the type of `sip`.
    if (call.state.phase === 'offering' && call.direction === 'inbound') {
      this.core.end(call, 'media_lost', 'system');
      void call.sip.reject({ statusCode: 480 }).catch(() => undefined);
    } else if (call.state.phase === 'dialing' && call.direction === 'outbound') {
      this.core.end(call, 'media_lost', 'system');
      void call.sip.cancel().catch(() => undefined);
    } else {
      this.core.sipEvent(call, { type: 'media_lost' });
    }
    this.core.publish();
  };
}
