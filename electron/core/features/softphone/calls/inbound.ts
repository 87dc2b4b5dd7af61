/**
 * Incoming calls: the INVITE is checked, refused or rung, then answered or rejected by the agent.
 * This is the path the softphone latency budget measures (INVITE → ring shown, answer → 200 OK;
 * ADR 0007, 0008): keep the order in `onInvite` and `answer`, and add no awaits, event-loop
 * turns or extra work before the commit.
 */
import type { Invitation } from 'sip.js';
import { inboundOffer } from '@shared/softphone/call-state';
import type { SoftphoneView } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import { phoneKey } from '@shared/common/phone';
import type { NewCall } from '../calls-repo';
import { numberColumns } from '../calls-repo';
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';
import type { CallLinks } from './links';
import type { SoftphoneSettings } from './options';
import { errorText, newLiveCall } from './live-call';

/** Largest SDP offer we pass to the media side (a real audio offer is 1–4 KiB). */
const maxOfferBytes = 16 * 1024;

/** Why an INVITE's body cannot be a call at all, as the response to send; `null` if it can. */
export function checkOfferBody(
  invitation: Invitation,
): { statusCode: number; reasonPhrase: string } | null {
  const body = invitation.request.body ?? '';
  if (body === '') return null; // offerless INVITE: we make the offer in the 200 OK
  const type = (invitation.request.getHeader('Content-Type') ?? '').toLowerCase();
  if (!type.startsWith('application/sdp')) {
    return { statusCode: 415, reasonPhrase: 'Unsupported Media Type' };
  }
  if (body.length > maxOfferBytes)
    return { statusCode: 413, reasonPhrase: 'Request Entity Too Large' };
  if (!/^v=0\r?\n/.test(body) || !/^m=audio /m.test(body)) {
    return { statusCode: 488, reasonPhrase: 'Not Acceptable Here' };
  }
  return null;
}

export class Inbound {
  constructor(
    private readonly deps: CallServiceDeps,
    private readonly core: CallCore,
    private readonly settings: SoftphoneSettings,
    private readonly links: CallLinks,
  ) {}

  onInvite = (invitation: Invitation): void => {
    const now = this.deps.clock.now();
    const remoteNumber = invitation.remoteIdentity.uri.user ?? 'anonymous';
    const remoteName = invitation.remoteIdentity.displayName || null;
    const sipCallId = invitation.request.callId;
    const unacceptable = checkOfferBody(invitation);
    if (unacceptable) {
      // Refused before anything rings or is written: it is not a call, it is bad input.
      this.deps.logger.warn('malformed INVITE refused', { ...unacceptable, from: remoteNumber });
      void invitation.reject(unacceptable).catch(() => undefined);
      return;
    }
    const session = this.deps.session.current();
    const busy = this.core.call !== null;
    const row = (id: string): NewCall | null =>
      session && {
        id,
        sip_call_id: sipCallId,
        agent_id: session.agent.id,
        shift_id: session.shift.id,
        direction: 'inbound',
        ...numberColumns(remoteNumber),
        remote_name: remoteName,
        customer_id: null,
        offered_at: now,
      };
    if (!session || session.state.status !== 'ready' || busy || !this.deps.media.attached()) {
      // 486 while not 示闲 (counted per shift); 480 when no console window holds the media.
      const code = session && !busy && session.state.status === 'ready' ? 480 : 486;
      void invitation.reject({ statusCode: code }).catch(() => undefined);
      if (session) {
        this.settings.countRefused(session.shift.id);
        this.deps.calls.insertRefused(row(this.deps.newId())!);
      }
      this.deps.logger.info('incoming call refused', { code, status: session?.state.status });
      this.core.publish();
      return;
    }
    const call = this.core.adopt(
      newLiveCall(
        this.deps.newId(),
        'inbound',
        invitation,
        inboundOffer(),
        remoteNumber,
        remoteName,
        now,
      ),
    );
    const options = this.settings.options();
    const ringMs = options.ringTimeoutSeconds * 1000;
    call.ringDeadline = now + ringMs;
    invitation.delegate = {
      onCancel: () => this.core.sipEvent(call, { type: 'remote_cancel' }),
      onAck: () => call.confirm(),
    };
    // The ring is shown first, then the 180 goes out, then the record commits — all in this one
    // turn of the event loop: nothing the console sends back (an answer, a refusal) can be handled
    // before the commit, and if the commit fails the ring is withdrawn at once (ADR 0008).
    this.core.publish();
    void invitation.progress().catch((err: unknown) => this.core.logSip('180 Ringing failed', err));
    try {
      // The call record and the agent's 振铃 commit together (one write, not two). Committed to
      // the WAL without its own fsync: safe against a crash of the desk at once, and against power
      // loss from the answer, refusal or ring timeout on, whose fsynced commit covers it (ADR 0007).
      this.deps.transaction(() => {
        this.deps.calls.insert(row(call.id)!);
        this.deps.session.apply({ kind: 'offer' });
      }, 'synced-later');
    } catch (err) {
      // Nothing was written: the call is not offered to the agent at all, and the ring goes.
      this.deps.logger.error('could not record the offer; refusing the call', {
        error: errorText(err),
      });
      this.core.withdraw(call);
      void invitation.reject({ statusCode: 500 }).catch(() => undefined);
      this.core.publish();
      return;
    }
    this.core.watchTermination(call);
    // From here on the call shows its normalised number ('' for a withheld caller: 未知号码).
    call.remoteNumber = phoneKey(remoteNumber);
    if (!options.autoAnswer) this.deps.media.notify({ op: 'ring', on: true });
    const offer = invitation.request.body;
    if (offer) this.deps.media.prepareAnswer(call.id, offer);
    this.core.later(call, ringMs, () => {
      if (call.state.phase !== 'offering' || call.answering) return;
      this.core.sipEvent(call, { type: 'ring_timeout' });
      void invitation.reject({ statusCode: 480 }).catch(() => undefined);
    });
    // The pop is looked up while it rings, so it is on screen before the agent answers.
    if (this.deps.screenPop && this.deps.onScreenPop) {
      const lookup = this.deps.screenPop;
      const show = this.deps.onScreenPop;
      setImmediate(() => {
        try {
          const pop = lookup(remoteNumber);
          show(call.id, pop);
          this.links.popResolved(call, pop);
        } catch (err) {
          this.deps.logger.warn('screen pop failed', { error: String(err) });
        }
      });
    }
    if (options.autoAnswer) setImmediate(() => void this.answer(call.id).catch(() => {}));
  };

  async answer(callId: string): Promise<SoftphoneView> {
    const call = this.core.require(callId);
    // Only an inbound call is ever offered; the direction test is there for the type of `sip`.
    if (call.direction !== 'inbound' || call.state.phase !== 'offering' || call.answering) {
      throw new ContractError(
        'ILLEGAL_TRANSITION',
        `Call cannot be answered while ${call.state.phase}`,
      );
    }
    call.answering = true;
    this.deps.media.notify({ op: 'ring', on: false });
    try {
      // Our 200 OK carries the session timer agreed from the INVITE (worked out after the commit).
      await call.sip.accept(this.core.watch.acceptOptions(call));
    } catch (err) {
      call.answering = false;
      if (call.state.phase === 'offering') {
        this.core.end(call, 'media_lost', 'system');
        void call.sip.reject({ statusCode: 500 }).catch(() => undefined);
      }
      throw new ContractError('INTERNAL', `Could not answer: ${errorText(err)}`);
    }
    if (call.state.phase !== 'offering') return this.core.publish(); // caller gave up meanwhile
    const now = this.deps.clock.now();
    call.answeredAt = now;
    call.ringDeadline = null;
    this.deps.transaction(() => {
      this.deps.calls.answered(call.id, now);
      this.deps.session.apply({ kind: 'answer' });
    });
    this.core.step(call, { type: 'answer' });
    if (call.hangUpOnAnswer) this.core.step(call, { type: 'hangup' });
    return this.core.publish();
  }

  reject(callId: string): SoftphoneView {
    const call = this.core.require(callId);
    if (call.answering && call.state.phase === 'offering') {
      // The 200 OK is on its way: a 486 now would not end the dialog. Hang up once answered.
      call.hangUpOnAnswer = true;
      return this.core.publish();
    }
    this.core.step(call, { type: 'reject' });
    // The step refuses anything but an offer, and only inbound calls are offered.
    if (call.direction === 'inbound') {
      void call.sip.reject({ statusCode: 486 }).catch(() => undefined);
    }
    return this.core.publish();
  }
}
