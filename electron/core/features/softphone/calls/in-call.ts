/**
 * What the agent does during a call: hang up, hold and resume (re-INVITE), mute, keypad tones.
 * Hold is only shown as held once the PBX confirms it: a customer who can still hear the agent
 * must never be shown as on hold (docs/DESIGN.md §2).
 */
import type { SoftphoneView } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';
import type { Inbound } from './inbound';
import type { LiveCall } from './live-call';
import { whenConfirmed } from './live-call';
import { remoteSdpOf } from '../media-bridge';

/**
 * A re-INVITE (hold, resume, ICE restart, session refresh); any failure to send counts as a
 * rejection. While a session timer runs every re-INVITE carries it (RFC 4028: one without
 * Session-Expires would switch it off) and its 2xx refreshes it (call-watch.ts).
 */
export function reinvite(
  core: CallCore,
  call: LiveCall,
  hold: boolean,
  outcome: { onAccept: () => void; onReject: () => void },
  iceRestart = false,
): void {
  void whenConfirmed(call)
    .then(() =>
      call.sip.invite({
        requestDelegate: {
          onAccept: (response) => {
            core.watch.reinviteAccepted(call, response.message);
            outcome.onAccept();
          },
          onReject: (response) => {
            core.watch.reinviteRejected(call, response.message);
            outcome.onReject();
          },
        },
        requestOptions: { extraHeaders: core.watch.reinviteHeaders(call) },
        sessionDescriptionHandlerOptions: {
          hold,
          ...(iceRestart && { offerOptions: { iceRestart: true } }),
        } as object,
      }),
    )
    .catch((err: unknown) => {
      core.logSip('re-INVITE failed', err);
      outcome.onReject();
    });
}

export class InCall {
  constructor(
    private readonly deps: CallServiceDeps,
    private readonly core: CallCore,
    private readonly inbound: Inbound,
  ) {
    // Session refreshes are re-INVITEs like hold's, with the same headers and outcomes.
    core.watch.useReinvite((call, hold, outcome) => reinvite(core, call, hold, outcome));
  }

  hangup(callId: string): SoftphoneView {
    const call = this.core.require(callId);
    const phase = call.state.phase;
    if (phase === 'offering') return this.inbound.reject(callId);
    this.core.step(call, { type: 'hangup' });
    // Only an outbound call dials; the direction test is there for the type of `sip`.
    if (phase === 'dialing' && call.direction === 'outbound') {
      void call.sip.cancel().catch((err: unknown) => this.core.logSip('CANCEL failed', err));
    }
    return this.core.publish();
  }

  hold(callId: string): Promise<SoftphoneView> {
    const call = this.core.require(callId);
    this.core.step(call, { type: 'hold' });
    call.holdAttempts = 0;
    return this.sendHold(call).then(() => this.core.publish());
  }

  resume(callId: string): Promise<SoftphoneView> {
    const call = this.core.require(callId);
    this.core.step(call, { type: 'resume' });
    return new Promise<SoftphoneView>((resolve) => {
      reinvite(this.core, call, false, {
        onAccept: () => {
          const at = this.deps.clock.now();
          this.deps.calls.holdEnded(call.id, at);
          call.holdSince = null;
          this.core.sipEvent(call, { type: 'resume_ok' });
          resolve(this.core.view());
        },
        onReject: () => {
          this.core.sipEvent(call, { type: 'resume_failed' });
          resolve(this.core.view());
        },
      });
    });
  }

  mute(callId: string, muted: boolean): SoftphoneView {
    const call = this.core.require(callId);
    this.core.step(call, { type: muted ? 'mute' : 'unmute' });
    this.deps.media.notify({ op: 'mute', callId: call.id, muted });
    return this.core.publish();
  }

  async dtmf(callId: string, tones: string): Promise<SoftphoneView> {
    const call = this.core.require(callId);
    if (call.state.phase !== 'active' || call.state.reconnecting) {
      throw new ContractError('ILLEGAL_TRANSITION', 'Keypad tones need a connected call');
    }
    // RFC 4733 only when the remote side negotiated telephone-event and the media engine can
    // send it (Chromium refuses before media connects); otherwise SIP INFO.
    const negotiated = /telephone-event\//i.test(
      remoteSdpOf(call.sip.sessionDescriptionHandler) ?? '',
    );
    let sent = false;
    if (negotiated) {
      sent = await this.deps.media
        .request({ op: 'dtmf', callId: call.id, tones })
        .then(() => true)
        .catch(() => false);
    }
    if (!sent) {
      await whenConfirmed(call);
      for (const tone of tones) {
        await call.sip.info({
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: 'application/dtmf-relay',
              content: `Signal=${tone}\r\nDuration=160`,
            },
          },
        });
      }
    }
    call.dtmfSent = (call.dtmfSent + tones).slice(-64);
    return this.core.publish();
  }

  private async sendHold(call: LiveCall): Promise<void> {
    await new Promise<void>((resolve) => {
      reinvite(this.core, call, true, {
        onAccept: () => {
          const at = this.deps.clock.now();
          call.holdSince = at;
          this.deps.calls.holdStarted(call.id, at);
          this.core.sipEvent(call, { type: 'hold_ok' });
          resolve();
        },
        onReject: () => {
          this.core.sipEvent(call, { type: 'hold_failed' });
          resolve();
          // Shown as "NOT on hold" and retried a few times, then left to the agent.
          const retry = this.deps.holdRetry ?? { attempts: 2, delayMs: 1500 };
          if (call.holdAttempts < retry.attempts) {
            call.holdAttempts += 1;
            this.core.later(call, retry.delayMs, () => {
              if (call.state.phase !== 'active' || call.state.hold !== 'hold_failed') return;
              this.core.sipEvent(call, { type: 'hold' });
              void this.sendHold(call);
            });
          }
        },
      });
    });
  }
}
