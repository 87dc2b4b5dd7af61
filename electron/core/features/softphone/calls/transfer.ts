/**
 * Transfers. Blind: one REFER, the outcome read from the NOTIFYs. Consult: the customer is held,
 * the target called on a second leg the agent can swap to, then joined (REFER with Replaces) or
 * cancelled. A transfer that fails leaves the customer with the agent, never with nobody.
 */
import type { Notification, Session, URI } from 'sip.js';
import { Inviter, SessionState } from 'sip.js';
import type { CallState } from '@shared/softphone/call-state';
import type { SoftphoneView } from '@shared/contract';
import { normaliseDialString } from '@shared/softphone/dial';
import { ContractError, missingCaseError } from '@shared/common/errors';
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';
import type { InCall } from './in-call';
import type { LiveCall } from './live-call';
import { errorText, whenConfirmed } from './live-call';
import { targetUri } from './outbound';

export class Transfers {
  /** The re-INVITEs of the last swap, until both transactions end. */
  private swapping: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: CallServiceDeps,
    private readonly core: CallCore,
    private readonly inCall: InCall,
  ) {}

  async transfer(callId: string, input: string, mode: 'blind' | 'consult'): Promise<SoftphoneView> {
    const checked = normaliseDialString(input);
    if (!checked.ok) throw new ContractError('BAD_ARGUMENT', `Cannot transfer: ${checked.reason}`);
    const call = this.core.require(callId);
    const target = targetUri(checked.target, this.deps.domain());
    if (!target) throw new ContractError('DISCONNECTED', 'The softphone is not registered');
    if (mode === 'blind') {
      this.core.step(call, { type: 'blind_transfer', target: checked.target });
      call.transferNote = null;
      this.deps.calls.transfer(call.id, checked.target, null);
      this.sendRefer(call, target);
      return this.core.publish();
    }
    // Consult: the customer is put on hold first (and must really be held) …
    if (call.state.phase === 'active' && call.state.hold !== 'held') {
      await this.inCall.hold(callId);
      const after = call.state as CallState; // changed by the re-INVITE's outcome
      if (after.phase !== 'active' || after.hold !== 'held') {
        throw new ContractError('ILLEGAL_TRANSITION', 'The customer could not be put on hold');
      }
    }
    this.core.step(call, { type: 'consult_start', target: checked.target });
    this.deps.calls.transfer(call.id, checked.target, null);
    const ua = this.deps.userAgent();
    if (!ua) throw new ContractError('DISCONNECTED', 'The softphone is not registered');
    // … then the target is called on a second leg with its own media.
    const leg = new Inviter(ua, target);
    const legId = `${call.id}:consult`;
    this.core.mapSession(leg, legId);
    call.consult = { leg, id: legId };
    leg.stateChange.addListener((s) => {
      if (call.consult?.leg !== leg) return;
      if (s === SessionState.Established) this.core.sipEvent(call, { type: 'consult_answered' });
      if (s === SessionState.Terminated) {
        call.consult = null;
        if (call.state.phase === 'active' && call.state.transfer.kind === 'consult') {
          if (call.state.transfer.phase !== 'completing') {
            call.transferNote = 'consult_ended';
            this.deps.calls.transfer(call.id, call.state.transfer.target, 'failed');
            this.core.sipEvent(call, { type: 'consult_failed' });
          }
        }
      }
    });
    leg.invite().catch((err: unknown) => {
      this.core.logSip('consult INVITE failed', err);
      if (call.consult?.leg === leg) this.core.sipEvent(call, { type: 'consult_failed' });
    });
    return this.core.publish();
  }

  consult(callId: string, action: 'complete' | 'cancel' | 'swap'): SoftphoneView {
    const call = this.core.require(callId);
    const consult = call.consult;
    switch (action) {
      case 'cancel': {
        const target = call.state.phase === 'active' ? call.state.transfer : null;
        this.core.step(call, { type: 'consult_cancel' });
        call.consult = null;
        if (target && target.kind === 'consult') {
          this.deps.calls.transfer(call.id, target.target, 'cancelled');
        }
        if (consult) this.core.endLeg(consult.leg);
        break;
      }
      case 'swap':
        this.core.step(call, { type: 'consult_swap' });
        if (consult && call.state.phase === 'active' && call.state.transfer.kind === 'consult') {
          // The party the agent talks to is taken off hold, the other put on it: a held leg
          // neither hears the agent (no track is sent) nor is heard (the far end sends nothing),
          // so a swap needs both re-INVITEs (the audio e2e measures both ears).
          const toTarget = call.state.transfer.talkingTo === 'target';
          this.deps.media.notify({ op: 'mute', callId: consult.id, muted: !toTarget });
          // One swap's re-INVITEs after the last one's: a leg takes one offer/answer at a time.
          this.swapping = this.swapping.then(() =>
            Promise.all([
              this.setLegHold(call.sip, toTarget, 'customer'),
              this.setLegHold(consult.leg, !toTarget, 'consult'),
            ]),
          );
        }
        break;
      case 'complete':
        if (!consult) throw new ContractError('ILLEGAL_TRANSITION', 'No consult call to join');
        this.core.step(call, { type: 'consult_complete' });
        // A REFER must not overtake a swap's re-INVITEs: the customer's side would be asked to
        // transfer a dialog whose offer/answer is still open.
        void this.swapping.then(() => this.sendRefer(call, consult.leg));
        break;
      default:
        throw missingCaseError(action);
    }
    return this.core.publish();
  }

  /**
   * A hold or resume re-INVITE on one leg of a consult swap, settled when its transaction ends
   * (accepted or refused); a failure is logged, not fatal.
   */
  private setLegHold(leg: Session, hold: boolean, which: 'customer' | 'consult'): Promise<void> {
    if (leg.state !== SessionState.Established) return Promise.resolve();
    return new Promise<void>((done) => {
      leg
        .invite({
          requestDelegate: { onAccept: () => done(), onReject: () => done() },
          sessionDescriptionHandlerOptions: { hold } as object,
        })
        .catch((err: unknown) => {
          this.core.logSip(`swap re-INVITE (${which}) failed`, err);
          done();
        });
    });
  }

  /** REFER to a URI (blind) or to the consult leg (Replaces); NOTIFYs carry the outcome. */
  private sendRefer(call: LiveCall, target: URI | Session): void {
    const failed = (note: string) => {
      call.transferNote = note;
      const t = call.state.phase === 'active' ? call.state.transfer : null;
      if (t && t.kind !== 'none') this.deps.calls.transfer(call.id, t.target, 'failed');
      this.core.sipEvent(call, { type: 'refer_rejected' });
    };
    void whenConfirmed(call)
      .then(() =>
        call.sip.refer(target, {
          requestDelegate: {
            onAccept: () => {
              if (call.state.phase === 'active' && call.state.transfer.kind === 'blind') {
                this.core.sipEvent(call, { type: 'refer_accepted' });
              }
            },
            onReject: (r) => failed(`REFER ${r.message.statusCode ?? ''}`.trim()),
          },
          onNotify: (notification: Notification) => {
            void notification.accept().catch(() => undefined);
            const frag = /^SIP\/2\.0 (\d{3})/m.exec(notification.request.body ?? '');
            const code = frag ? Number(frag[1]) : 0;
            if (code >= 100 && code < 200) return;
            if (code >= 200 && code < 300) {
              const t = call.state.phase === 'active' ? call.state.transfer : null;
              if (t && t.kind !== 'none') this.deps.calls.transfer(call.id, t.target, 'completed');
              call.transferNote = `NOTIFY ${code}`;
              this.core.sipEvent(call, { type: 'notify_success' });
            } else {
              failed(`NOTIFY ${code || 'unreadable'}`);
            }
          },
        }),
      )
      .catch((err: unknown) => failed(errorText(err)));
  }
}
