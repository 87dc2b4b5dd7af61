/**
 * Call control in main (DESIGN §2, softphone issue): sip.js Invitation/Inviter sessions driven
 * through the pure call-state machine (shared/call-state.ts), the agent state machine (via the
 * desk session), call records written step by step, after-call work and its disposition.
 * The media side is the renderer, reached through the MediaBridge.
 */
import type { Invitation, Notification, Session, UserAgent as UserAgentType } from 'sip.js';
import { Inviter, SessionState, UserAgent } from 'sip.js';
import type { AgentState } from '@shared/session/agent-state';
import type { CallEvent, CallState, Disposition, EndCause } from '@shared/softphone/call-state';
import { inboundOffer, nextCallState, outboundDial } from '@shared/softphone/call-state';
import type { AcwPolicy, CallRecord, CallView, ScreenPop, SoftphoneView } from '@shared/contract';
import { acwPolicySchema } from '@shared/contract';
import { normaliseDialString } from '@shared/softphone/dial';
import { parseJsonObject } from '@shared/common/json';
import { ContractError } from '@shared/common/errors';
import type { CallsRepo, NewCall } from './calls-repo';
import type { SettingsRepo } from '../../platform/settings-repo';
import type { DeskSessionService } from '../session/desk-session-service';
import type { Clock, Logger } from '../../platform/ports';
import type { MediaBridge } from './media-bridge';
import { remoteSdpOf } from './media-bridge';

export const defaultAcwPolicy: AcwPolicy = {
  mode: 'timed',
  seconds: 30,
  maxExtensions: 2,
  extendSeconds: 30,
  defaultDisposition: 'other',
};

export interface SoftphoneOptions {
  autoAnswer: boolean;
  ringTimeoutSeconds: number;
}
const defaultOptions: SoftphoneOptions = { autoAnswer: false, ringTimeoutSeconds: 20 };

export interface CallServiceDeps {
  clock: Clock;
  logger: Logger;
  newId: () => string;
  session: DeskSessionService;
  calls: CallsRepo;
  settings: SettingsRepo;
  /**
   * One database transaction (ACW end: the agent state and the disposition together).
   * 'synced-later': committed without its own fsync — the ring of an incoming call (ADR 0007).
   */
  transaction: <T>(fn: () => T, durability?: 'synced-later') => T;
  media: MediaBridge;
  userAgent: () => UserAgentType | null;
  domain: () => string | null;
  onChange: (view: SoftphoneView) => void;
  /** Looks up the caller while the phone rings; the result goes to the renderer before answer. */
  screenPop?: (number: string) => ScreenPop;
  onScreenPop?: (callId: string, pop: ScreenPop) => void;
  holdRetry?: { attempts: number; delayMs: number };
}

interface LiveCall {
  id: string;
  sip: Session;
  sipCallId: string;
  state: CallState;
  remoteNumber: string;
  remoteName: string | null;
  /** What the console shows instead of the number (masked, for click-to-dial from a waybill). */
  display: string | null;
  offeredAt: number;
  answeredAt: number | null;
  holdSince: number | null;
  ringDeadline: number | null;
  endedAt: number | null;
  dtmfSent: string;
  transferNote: string | null;
  timers: Set<ReturnType<typeof setTimeout>>;
  answering: boolean;
  holdAttempts: number;
  /** Agent state before an outbound call: where the agent returns afterwards. */
  previous: AgentState | null;
  consult: { leg: Inviter; id: string } | null;
  /** The media side failed an offer/answer: sip.js will end the dialog because of it. */
  mediaError: string | null;
  /**
   * Resolves once the dialog is confirmed (our 200 was ACKed, or we sent the ACK). sip.js calls a
   * session established as soon as its 200 is sent; a re-INVITE or INFO sent before the ACK can
   * overtake the 200 through the proxy and break the caller's side (RFC 3261 §14.1).
   */
  confirmed: Promise<void>;
  confirm: () => void;
}

interface Acw {
  callId: string;
  policy: AcwPolicy;
  since: number;
  deadline: number | null;
  extensionsLeft: number;
  next: AgentState;
  timer: ReturnType<typeof setTimeout> | null;
}

export class CallService {
  private call: LiveCall | null = null;
  /** The call that ended last; shown until the next one (ACW, "call ended" banner). */
  private lastEnded: LiveCall | null = null;
  private acw: Acw | null = null;
  private readonly bySession = new WeakMap<Session, string>();
  private disposed = false;
  /** Read on every INVITE and every view: kept in memory, written through. */
  private optionsCache: SoftphoneOptions | null = null;
  private refused: { shift: string; n: number } | null = null;
  /** A 示闲 agent parked in 示忙·系统故障 while the PBX was unreachable, to be restored after. */
  private parked: { shift: string; previous: AgentState } | null = null;

  constructor(private readonly deps: CallServiceDeps) {}

  /** The sip.js → our call id mapping the media bridge's SDH factory uses. */
  callIdOf = (session: Session): string | undefined => this.bySession.get(session);

  view(): SoftphoneView {
    const shown = this.call ?? this.lastEnded;
    return {
      call: shown ? toView(shown) : null,
      acw: this.acw && {
        callId: this.acw.callId,
        mode: this.acw.policy.mode,
        since: this.acw.since,
        deadline: this.acw.deadline,
        extensionsLeft: this.acw.extensionsLeft,
        next: this.acw.next,
        defaultDisposition: this.acw.policy.defaultDisposition,
      },
      options: this.options(),
      refusedNotReady: this.refusedCount(),
      mediaAttached: this.deps.media.attached(),
    };
  }

  options(): SoftphoneOptions {
    this.optionsCache ??= {
      ...defaultOptions,
      ...parseJsonObject(this.deps.settings.get('softphone.options')),
    };
    return this.optionsCache;
  }

  setOptions(patch: Partial<SoftphoneOptions>): SoftphoneView {
    this.deps.session.requireSession();
    const next = { ...this.options(), ...patch };
    this.deps.settings.set('softphone.options', JSON.stringify(next), this.deps.clock.now());
    this.optionsCache = next;
    return this.publish();
  }

  private refusedCount(): number {
    const shift = this.deps.session.current()?.shift.id;
    if (!shift) return 0;
    if (this.refused?.shift !== shift) {
      this.refused = { shift, n: this.deps.calls.refusedInShift(shift) };
    }
    return this.refused.n;
  }

  acwPolicy(): AcwPolicy {
    const stored = acwPolicySchema.safeParse(parseJsonObject(this.deps.settings.get('acw.policy')));
    return stored.success ? stored.data : defaultAcwPolicy;
  }

  setAcwPolicy(policy: AcwPolicy): AcwPolicy {
    const s = this.deps.session.requireSession();
    if (s.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'Only a shift lead can change after-call work');
    }
    this.deps.settings.set('acw.policy', JSON.stringify(policy), this.deps.clock.now());
    return policy;
  }

  history(limit: number): CallRecord[] {
    const s = this.deps.session.requireSession();
    return this.deps.calls.history(s.agent.id, limit);
  }

  // ---- inbound ------------------------------------------------------------------------------

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
    const busy = this.call !== null;
    const row = (id: string): NewCall | null =>
      session && {
        id,
        sip_call_id: sipCallId,
        agent_id: session.agent.id,
        shift_id: session.shift.id,
        direction: 'inbound',
        remote_number: remoteNumber,
        remote_name: remoteName,
        customer_id: null,
        offered_at: now,
      };
    if (!session || session.state.status !== 'ready' || busy || !this.deps.media.attached()) {
      // 486 while not 示闲 (counted per shift); 480 when no console window holds the media.
      const code = session && !busy && session.state.status === 'ready' ? 480 : 486;
      void invitation.reject({ statusCode: code }).catch(() => undefined);
      if (session) {
        if (this.refused?.shift === session.shift.id) this.refused.n += 1;
        this.deps.calls.insertRefused(row(this.deps.newId())!);
      }
      this.deps.logger.info('incoming call refused', { code, status: session?.state.status });
      this.publish();
      return;
    }
    const call = this.newCall(invitation, inboundOffer(), remoteNumber, remoteName, now);
    const options = this.options();
    const ringMs = options.ringTimeoutSeconds * 1000;
    call.ringDeadline = now + ringMs;
    invitation.delegate = {
      onCancel: () => this.sipEvent(call, { type: 'remote_cancel' }),
      onAck: () => call.confirm(),
    };
    // The ring is shown first, then the 180 goes out, then the record commits — all in this one
    // turn of the event loop: nothing the console sends back (an answer, a refusal) can be handled
    // before the commit, and if the commit fails the ring is withdrawn at once (ADR 0008).
    this.publish();
    void invitation.progress().catch((err: unknown) => this.logSip('180 Ringing failed', err));
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
      this.call = null;
      this.bySession.delete(invitation);
      void invitation.reject({ statusCode: 500 }).catch(() => undefined);
      this.publish();
      return;
    }
    this.watchTermination(call);
    if (!options.autoAnswer) this.deps.media.notify({ op: 'ring', on: true });
    const offer = invitation.request.body;
    if (offer) this.deps.media.prepareAnswer(call.id, offer);
    this.later(call, ringMs, () => {
      if (call.state.phase !== 'offering' || call.answering) return;
      this.sipEvent(call, { type: 'ring_timeout' });
      void invitation.reject({ statusCode: 480 }).catch(() => undefined);
    });
    // The pop is looked up while it rings, so it is on screen before the agent answers.
    if (this.deps.screenPop && this.deps.onScreenPop) {
      const lookup = this.deps.screenPop;
      const show = this.deps.onScreenPop;
      setImmediate(() => {
        try {
          show(call.id, lookup(remoteNumber));
        } catch (err) {
          this.deps.logger.warn('screen pop failed', { error: String(err) });
        }
      });
    }
    if (options.autoAnswer) setImmediate(() => void this.answer(call.id).catch(() => {}));
  };

  async answer(callId: string): Promise<SoftphoneView> {
    const call = this.require(callId);
    if (call.state.phase !== 'offering' || call.answering) {
      throw new ContractError(
        'ILLEGAL_TRANSITION',
        `Call cannot be answered while ${call.state.phase}`,
      );
    }
    call.answering = true;
    this.deps.media.notify({ op: 'ring', on: false });
    try {
      await (call.sip as Invitation).accept();
    } catch (err) {
      call.answering = false;
      if (call.state.phase === 'offering') {
        this.end(call, 'media_lost', 'system');
        void (call.sip as Invitation).reject({ statusCode: 500 }).catch(() => undefined);
      }
      throw new ContractError('INTERNAL', `Could not answer: ${errorText(err)}`);
    }
    if (call.state.phase !== 'offering') return this.publish(); // caller gave up meanwhile
    const now = this.deps.clock.now();
    call.answeredAt = now;
    call.ringDeadline = null;
    this.deps.transaction(() => {
      this.deps.calls.answered(call.id, now);
      this.deps.session.apply({ kind: 'answer' });
    });
    this.step(call, { type: 'answer' });
    return this.publish();
  }

  reject(callId: string): SoftphoneView {
    const call = this.require(callId);
    this.step(call, { type: 'reject' });
    void (call.sip as Invitation).reject({ statusCode: 486 }).catch(() => undefined);
    return this.publish();
  }

  // ---- outbound -----------------------------------------------------------------------------

  dial(input: string, display: string | null = null): SoftphoneView {
    const checked = normaliseDialString(input);
    if (!checked.ok) throw new ContractError('BAD_ARGUMENT', `Cannot dial: ${checked.reason}`);
    const session = this.deps.session.requireSession();
    if (this.call) throw new ContractError('ILLEGAL_TRANSITION', 'A call is already in progress');
    if (this.acw) throw new ContractError('ILLEGAL_TRANSITION', 'Finish after-call work first');
    const ua = this.deps.userAgent();
    const target = this.targetUri(checked.target);
    if (!ua || !target) throw new ContractError('DISCONNECTED', 'The softphone is not registered');
    if (!this.deps.media.attached()) {
      throw new ContractError('DISCONNECTED', 'No console window holds the microphone');
    }
    const previous = session.state;
    this.deps.session.apply({ kind: 'dial' }); // refuses while ringing / in ACW
    const inviter = new Inviter(ua, target);
    const now = this.deps.clock.now();
    const call = this.newCall(inviter, outboundDial(), checked.target, null, now);
    call.previous = previous;
    call.display = display;
    this.deps.calls.insert({
      id: call.id,
      sip_call_id: inviter.request.callId,
      agent_id: session.agent.id,
      shift_id: session.shift.id,
      direction: 'outbound',
      remote_number: checked.target,
      remote_name: null,
      customer_id: null,
      offered_at: now,
    });
    this.watchTermination(call);
    inviter
      .invite({
        requestDelegate: {
          onProgress: (r) => {
            const code = r.message.statusCode ?? 0;
            if ((code === 180 || code === 183) && call.state.phase === 'dialing') {
              this.sipEvent(call, { type: 'remote_ringing' });
            }
          },
          onAccept: () => {
            const at = this.deps.clock.now();
            call.answeredAt = at;
            call.confirm(); // sip.js has sent the ACK
            this.deps.calls.answered(call.id, at);
            this.sipEvent(call, { type: 'remote_answer' });
          },
          onReject: (r) => {
            const code = r.message.statusCode ?? 0;
            const busy = code === 486 || code === 600 || code === 603;
            this.sipEvent(call, { type: busy ? 'remote_busy' : 'remote_failed' });
          },
        },
      })
      .catch((err: unknown) => {
        this.logSip('INVITE failed', err);
        this.sipEvent(call, { type: 'remote_failed' });
      });
    return this.publish();
  }

  // ---- in call ------------------------------------------------------------------------------

  hangup(callId: string): SoftphoneView {
    const call = this.require(callId);
    const phase = call.state.phase;
    if (phase === 'offering') return this.reject(callId);
    this.step(call, { type: 'hangup' });
    if (phase === 'dialing') {
      void (call.sip as Inviter)
        .cancel()
        .catch((err: unknown) => this.logSip('CANCEL failed', err));
    }
    return this.publish();
  }

  hold(callId: string): Promise<SoftphoneView> {
    const call = this.require(callId);
    this.step(call, { type: 'hold' });
    call.holdAttempts = 0;
    return this.sendHold(call).then(() => this.publish());
  }

  resume(callId: string): Promise<SoftphoneView> {
    const call = this.require(callId);
    this.step(call, { type: 'resume' });
    return new Promise<SoftphoneView>((resolve) => {
      this.reinvite(call, false, {
        onAccept: () => {
          const at = this.deps.clock.now();
          this.deps.calls.holdEnded(call.id, at);
          call.holdSince = null;
          this.sipEvent(call, { type: 'resume_ok' });
          resolve(this.view());
        },
        onReject: () => {
          this.sipEvent(call, { type: 'resume_failed' });
          resolve(this.view());
        },
      });
    });
  }

  mute(callId: string, muted: boolean): SoftphoneView {
    const call = this.require(callId);
    this.step(call, { type: muted ? 'mute' : 'unmute' });
    this.deps.media.notify({ op: 'mute', callId: call.id, muted });
    return this.publish();
  }

  async dtmf(callId: string, tones: string): Promise<SoftphoneView> {
    const call = this.require(callId);
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
      await this.whenConfirmed(call);
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
    return this.publish();
  }

  async transfer(callId: string, input: string, mode: 'blind' | 'consult'): Promise<SoftphoneView> {
    const checked = normaliseDialString(input);
    if (!checked.ok) throw new ContractError('BAD_ARGUMENT', `Cannot transfer: ${checked.reason}`);
    const call = this.require(callId);
    const target = this.targetUri(checked.target);
    if (!target) throw new ContractError('DISCONNECTED', 'The softphone is not registered');
    if (mode === 'blind') {
      this.step(call, { type: 'blind_transfer', target: checked.target });
      call.transferNote = null;
      this.deps.calls.transfer(call.id, checked.target, null);
      this.sendRefer(call, target);
      return this.publish();
    }
    // Consult: the customer is put on hold first (and must really be held) …
    if (call.state.phase === 'active' && call.state.hold !== 'held') {
      await this.hold(callId);
      const after = call.state as CallState; // changed by the re-INVITE's outcome
      if (after.phase !== 'active' || after.hold !== 'held') {
        throw new ContractError('ILLEGAL_TRANSITION', 'The customer could not be put on hold');
      }
    }
    this.step(call, { type: 'consult_start', target: checked.target });
    this.deps.calls.transfer(call.id, checked.target, null);
    const ua = this.deps.userAgent();
    if (!ua) throw new ContractError('DISCONNECTED', 'The softphone is not registered');
    // … then the target is called on a second leg with its own media.
    const leg = new Inviter(ua, target);
    const legId = `${call.id}:consult`;
    this.bySession.set(leg, legId);
    call.consult = { leg, id: legId };
    leg.stateChange.addListener((s) => {
      if (call.consult?.leg !== leg) return;
      if (s === SessionState.Established) this.sipEvent(call, { type: 'consult_answered' });
      if (s === SessionState.Terminated) {
        call.consult = null;
        if (call.state.phase === 'active' && call.state.transfer.kind === 'consult') {
          if (call.state.transfer.phase !== 'completing') {
            call.transferNote = 'consult_ended';
            this.deps.calls.transfer(call.id, call.state.transfer.target, 'failed');
            this.sipEvent(call, { type: 'consult_failed' });
          }
        }
      }
    });
    leg.invite().catch((err: unknown) => {
      this.logSip('consult INVITE failed', err);
      if (call.consult?.leg === leg) this.sipEvent(call, { type: 'consult_failed' });
    });
    return this.publish();
  }

  consult(callId: string, action: 'complete' | 'cancel' | 'swap'): SoftphoneView {
    const call = this.require(callId);
    const consult = call.consult;
    switch (action) {
      case 'cancel': {
        const target = call.state.phase === 'active' ? call.state.transfer : null;
        this.step(call, { type: 'consult_cancel' });
        call.consult = null;
        if (target && target.kind === 'consult') {
          this.deps.calls.transfer(call.id, target.target, 'cancelled');
        }
        if (consult) this.endLeg(consult.leg);
        break;
      }
      case 'swap':
        this.step(call, { type: 'consult_swap' });
        if (consult && call.state.phase === 'active' && call.state.transfer.kind === 'consult') {
          // The agent's microphone goes to the party they are talking to.
          const toTarget = call.state.transfer.talkingTo === 'target';
          this.deps.media.notify({ op: 'mute', callId: consult.id, muted: !toTarget });
        }
        break;
      case 'complete':
        if (!consult) throw new ContractError('ILLEGAL_TRANSITION', 'No consult call to join');
        this.step(call, { type: 'consult_complete' });
        this.sendRefer(call, consult.leg);
        break;
    }
    return this.publish();
  }

  // ---- after-call work ----------------------------------------------------------------------

  extendAcw(): SoftphoneView {
    const acw = this.acw;
    if (!acw || acw.policy.mode !== 'timed' || acw.deadline === null) {
      throw new ContractError('ILLEGAL_TRANSITION', 'After-call work is not timed');
    }
    if (acw.extensionsLeft <= 0) {
      throw new ContractError('ILLEGAL_TRANSITION', 'No more extensions allowed');
    }
    acw.extensionsLeft -= 1;
    acw.deadline += acw.policy.extendSeconds * 1000;
    this.armAcwTimer(acw);
    return this.publish();
  }

  completeAcw(disposition: Disposition, notes: string | null, next: AgentState): SoftphoneView {
    const acw = this.acw;
    if (!acw) throw new ContractError('ILLEGAL_TRANSITION', 'Not in after-call work');
    this.deps.session.requireSession();
    this.deps.transaction(() => {
      this.deps.session.apply({ kind: 'after_call_work_done', next });
      this.deps.calls.acwDone(acw.callId, this.deps.clock.now(), disposition, notes || null);
    });
    if (acw.timer) clearTimeout(acw.timer);
    this.acw = null;
    return this.publish();
  }

  // ---- transport and media loss -------------------------------------------------------------

  onTransport = (lost: boolean): void => {
    this.parkWhileUnreachable(lost);
    const call = this.call;
    if (!call) return;
    if (lost) {
      // An active call waits for the transport; a ringing or dialling one is gone.
      this.sipEvent(call, { type: 'transport_lost' });
      return;
    }
    if (call.state.phase === 'active' && call.state.reconnecting) {
      // Back online: re-INVITE with an ICE restart so media flows again (DESIGN §2).
      const held = call.state.hold === 'held';
      this.reinvite(
        call,
        held,
        {
          onAccept: () => this.sipEvent(call, { type: 'transport_restored_reinvite_ok' }),
          onReject: () => this.sipEvent(call, { type: 'media_lost' }),
        },
        true,
      );
    }
  };

  /**
   * No call can reach a 示闲 agent while the PBX is unreachable: show it as 示忙·系统故障 (so it
   * is not counted as idle time) and put the agent back where they were once registered again —
   * unless they changed state themselves meanwhile.
   */
  private parkWhileUnreachable(lost: boolean): void {
    const s = this.deps.session.current();
    try {
      if (lost) {
        if (s && !this.parked && s.state.status === 'ready' && !this.call) {
          this.parked = { shift: s.shift.id, previous: s.state };
          this.deps.session.apply({
            kind: 'choose',
            target: { status: 'not_ready', reason: 'system_issue' },
          });
        }
        return;
      }
      const parked = this.parked;
      this.parked = null;
      if (
        parked &&
        s?.shift.id === parked.shift &&
        s.state.status === 'not_ready' &&
        s.state.reason === 'system_issue'
      ) {
        this.deps.session.apply({ kind: 'choose', target: parked.previous });
      }
    } catch (err) {
      this.deps.logger.warn('could not park/restore the agent state', { error: errorText(err) });
    }
  }

  onMediaError = (callId: string, error: Error): void => {
    const call = this.call;
    if (call && (call.id === callId || call.consult?.id === callId)) {
      this.deps.logger.warn('media offer/answer failed', { callId, error: error.message });
      if (call.id === callId) call.mediaError = error.message;
    }
  };

  onMediaLost = (reason: string): void => {
    const call = this.call;
    if (!call) {
      this.publish();
      return;
    }
    this.deps.logger.warn('ending call: media side lost', { callId: call.id, reason });
    if (call.state.phase === 'offering') {
      this.end(call, 'media_lost', 'system');
      void (call.sip as Invitation).reject({ statusCode: 480 }).catch(() => undefined);
    } else if (call.state.phase === 'dialing') {
      this.end(call, 'media_lost', 'system');
      void (call.sip as Inviter).cancel().catch(() => undefined);
    } else {
      this.sipEvent(call, { type: 'media_lost' });
    }
    this.publish();
  };

  dispose(): void {
    this.disposed = true;
    for (const c of [this.call, this.lastEnded]) c?.timers.forEach((t) => clearTimeout(t));
    if (this.acw?.timer) clearTimeout(this.acw.timer);
  }

  // ---- internals ----------------------------------------------------------------------------

  private newCall(
    sip: Session,
    state: CallState,
    remoteNumber: string,
    remoteName: string | null,
    now: number,
  ): LiveCall {
    const call: LiveCall = {
      id: this.deps.newId(),
      sip,
      sipCallId: sip instanceof Inviter ? sip.request.callId : (sip as Invitation).request.callId,
      state,
      remoteNumber,
      remoteName,
      display: null,
      offeredAt: now,
      answeredAt: null,
      holdSince: null,
      ringDeadline: null,
      endedAt: null,
      dtmfSent: '',
      transferNote: null,
      timers: new Set(),
      answering: false,
      holdAttempts: 0,
      previous: null,
      consult: null,
      mediaError: null,
      confirmed: Promise.resolve(),
      confirm: () => undefined,
    };
    call.confirmed = new Promise<void>((resolve) => (call.confirm = resolve));
    this.bySession.set(sip, call.id);
    this.call = call;
    this.lastEnded = null;
    return call;
  }

  private watchTermination(call: LiveCall): void {
    call.sip.stateChange.addListener((s) => {
      if (s !== SessionState.Terminated || call.state.phase === 'ended') return;
      if (call.state.phase === 'offering') {
        // sip.js gives up the offer itself (480) when answering failed in the media.
        if (call.mediaError) this.end(call, 'media_lost', 'system');
        else this.sipEvent(call, { type: 'remote_cancel' });
        this.publish();
      } else if (call.state.phase === 'active') {
        this.sipEvent(call, { type: call.mediaError ? 'media_lost' : 'remote_bye' });
      } else {
        // An outbound call ending before answer: the final response (busy or failure) is
        // delivered to the request delegate right after this; let it name the cause.
        setImmediate(() => this.sipEvent(call, { type: 'remote_failed' }));
      }
    });
  }

  private async sendHold(call: LiveCall): Promise<void> {
    await new Promise<void>((resolve) => {
      this.reinvite(call, true, {
        onAccept: () => {
          const at = this.deps.clock.now();
          call.holdSince = at;
          this.deps.calls.holdStarted(call.id, at);
          this.sipEvent(call, { type: 'hold_ok' });
          resolve();
        },
        onReject: () => {
          this.sipEvent(call, { type: 'hold_failed' });
          resolve();
          // Shown as "NOT on hold" and retried a few times, then left to the agent.
          const retry = this.deps.holdRetry ?? { attempts: 2, delayMs: 1500 };
          if (call.holdAttempts < retry.attempts) {
            call.holdAttempts += 1;
            this.later(call, retry.delayMs, () => {
              if (call.state.phase !== 'active' || call.state.hold !== 'hold_failed') return;
              this.sipEvent(call, { type: 'hold' });
              void this.sendHold(call);
            });
          }
        },
      });
    });
  }

  /** A re-INVITE (hold, resume, ICE restart); any failure to send counts as a rejection. */
  private reinvite(
    call: LiveCall,
    hold: boolean,
    outcome: { onAccept: () => void; onReject: () => void },
    iceRestart = false,
  ): void {
    void this.whenConfirmed(call)
      .then(() =>
        call.sip.invite({
          requestDelegate: {
            onAccept: () => outcome.onAccept(),
            onReject: () => outcome.onReject(),
          },
          sessionDescriptionHandlerOptions: {
            hold,
            ...(iceRestart && { offerOptions: { iceRestart: true } }),
          } as object,
        }),
      )
      .catch((err: unknown) => {
        this.logSip('re-INVITE failed', err);
        outcome.onReject();
      });
  }

  private sendRefer(call: LiveCall, target: ReturnType<typeof UserAgent.makeURI> | Session): void {
    const failed = (note: string) => {
      call.transferNote = note;
      const t = call.state.phase === 'active' ? call.state.transfer : null;
      if (t && t.kind !== 'none') this.deps.calls.transfer(call.id, t.target, 'failed');
      this.sipEvent(call, { type: 'refer_rejected' });
    };
    void this.whenConfirmed(call)
      .then(() =>
        call.sip.refer(target as Session, {
          requestDelegate: {
            onAccept: () => {
              if (call.state.phase === 'active' && call.state.transfer.kind === 'blind') {
                this.sipEvent(call, { type: 'refer_accepted' });
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
              this.sipEvent(call, { type: 'notify_success' });
            } else {
              failed(`NOTIFY ${code || 'unreadable'}`);
            }
          },
        }),
      )
      .catch((err: unknown) => failed(errorText(err)));
  }

  /** Waits for the dialog to be confirmed (ACK), at most 5 s — sip.js ends it if no ACK comes. */
  private whenConfirmed(call: LiveCall): Promise<void> {
    return Promise.race([call.confirmed, new Promise<void>((r) => setTimeout(r, 5000).unref())]);
  }

  /** Applies an event coming from the agent; an illegal one is refused with a clear error. */
  private step(call: LiveCall, event: CallEvent): void {
    const before = call.state;
    call.state = nextCallState(call.state, event);
    if (call.state.phase === 'ended' && before.phase !== 'ended') this.finish(call, before);
  }

  /** Applies an event coming from SIP; one that makes no sense now is logged and dropped. */
  private sipEvent(call: LiveCall, event: CallEvent): void {
    if (call.state.phase === 'ended') return;
    try {
      this.step(call, event);
    } catch (err) {
      this.deps.logger.warn('unexpected SIP event ignored', {
        event: event.type,
        phase: call.state.phase,
        error: errorText(err),
      });
    }
    this.publish();
  }

  /** Ends a call outside the state machine's own paths (media gone before answer). */
  private end(call: LiveCall, cause: EndCause, by: 'agent' | 'remote' | 'system'): void {
    const before = call.state;
    call.state = { phase: 'ended', direction: before.direction, cause, by };
    this.finish(call, before);
  }

  private finish(call: LiveCall, before: CallState): void {
    if (call.state.phase !== 'ended') return;
    const { cause, by } = call.state;
    const now = this.deps.clock.now();
    call.endedAt = now;
    call.ringDeadline = null;
    call.timers.forEach((t) => clearTimeout(t));
    call.timers.clear();
    this.deps.media.forget(call.id);
    this.deps.calls.ended(call.id, now, cause, by);
    if (this.call === call) {
      this.call = null;
      this.lastEnded = call;
    }
    if (call.consult) {
      this.endLeg(call.consult.leg);
      call.consult = null;
    }
    // Our side of the dialog: BYE when we end an established call.
    if (
      before.phase === 'active' &&
      by !== 'remote' &&
      call.sip.state === SessionState.Established
    ) {
      void call.sip.bye().catch((err: unknown) => this.logSip('BYE failed', err));
    }
    if (before.phase === 'offering') this.deps.media.notify({ op: 'ring', on: false });
    this.agentAfter(call, before, cause);
  }

  private agentAfter(call: LiveCall, before: CallState, cause: EndCause): void {
    if (this.disposed || !this.deps.session.current()) return;
    try {
      if (before.phase === 'offering') {
        this.deps.session.apply({
          kind: cause === 'ring_timeout' ? 'offer_missed' : 'offer_ended',
        });
        return;
      }
      this.deps.session.apply({ kind: 'call_ended' });
      const next = call.previous ?? { status: 'ready' };
      if (call.answeredAt === null) {
        // An outbound call nobody answered: nothing to wrap up, back to where the agent was.
        this.deps.session.apply({ kind: 'after_call_work_done', next });
        return;
      }
      this.startAcw(call.id, next, this.deps.clock.now());
    } catch (err) {
      this.deps.logger.error('agent state after call failed', { error: errorText(err) });
    }
  }

  private startAcw(callId: string, next: AgentState, since: number): void {
    const policy = this.acwPolicy();
    if (policy.mode === 'none') {
      this.deps.session.apply({ kind: 'after_call_work_done', next });
      this.deps.calls.acwDone(callId, since, policy.defaultDisposition, null);
      return;
    }
    const acw: Acw = {
      callId,
      policy,
      since,
      deadline: policy.mode === 'timed' ? since + policy.seconds * 1000 : null,
      extensionsLeft: policy.mode === 'timed' ? policy.maxExtensions : 0,
      next,
      timer: null,
    };
    this.acw = acw;
    this.armAcwTimer(acw);
  }

  private armAcwTimer(acw: Acw): void {
    if (acw.timer) clearTimeout(acw.timer);
    if (acw.deadline === null) return;
    const wait = Math.max(0, acw.deadline - this.deps.clock.now());
    acw.timer = setTimeout(() => {
      if (this.acw !== acw) return;
      // Time is up: the lead's default disposition, and on to the chosen next state.
      try {
        this.completeAcw(acw.policy.defaultDisposition, null, acw.next);
      } catch (err) {
        this.deps.logger.error('ACW timeout failed', { error: errorText(err) });
      }
    }, wait);
    acw.timer.unref?.();
  }

  private endLeg(leg: Inviter): void {
    const p =
      leg.state === SessionState.Established
        ? leg.bye()
        : leg.state === SessionState.Establishing || leg.state === SessionState.Initial
          ? leg.cancel()
          : null;
    p?.catch((err: unknown) => this.logSip('ending consult leg failed', err));
  }

  private targetUri(target: string): ReturnType<typeof UserAgent.makeURI> {
    if (/^sips?:/i.test(target)) return UserAgent.makeURI(target);
    const domain = this.deps.domain();
    return domain ? UserAgent.makeURI(`sip:${target}@${domain}`) : undefined;
  }

  private require(callId: string): LiveCall {
    const call = this.call;
    if (!call || call.id !== callId) {
      throw new ContractError('NOT_FOUND', 'No such call in progress (it may have ended)');
    }
    return call;
  }

  private later(call: LiveCall, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      call.timers.delete(t);
      fn();
    }, ms);
    call.timers.add(t);
  }

  private logSip(what: string, err: unknown): void {
    this.deps.logger.warn(what, { error: errorText(err) });
  }

  private publish(): SoftphoneView {
    const view = this.view();
    if (!this.disposed) this.deps.onChange(view);
    return view;
  }
}

function toView(c: LiveCall): CallView {
  const s = c.state;
  const active = s.phase === 'active' ? s : null;
  const t = active?.transfer;
  return {
    id: c.id,
    direction: s.direction,
    remoteNumber: c.display ?? c.remoteNumber,
    remoteName: c.remoteName,
    phase: s.phase,
    remoteRinging: s.phase === 'dialing' && s.remoteRinging,
    hold: active?.hold ?? 'none',
    muted: active?.muted ?? false,
    transfer: {
      kind: t?.kind ?? 'none',
      target: t && t.kind !== 'none' ? t.target : null,
      phase: t && t.kind !== 'none' ? t.phase : null,
      talkingTo: t && t.kind === 'consult' ? t.talkingTo : null,
    },
    transferNote: c.transferNote,
    reconnecting: active?.reconnecting ?? false,
    offeredAt: c.offeredAt,
    answeredAt: c.answeredAt,
    holdSince:
      active && (active.hold === 'held' || active.hold === 'resuming') ? c.holdSince : null,
    ringDeadline: s.phase === 'offering' ? c.ringDeadline : null,
    endedAt: c.endedAt,
    cause: s.phase === 'ended' ? s.cause : null,
    hungUpBy: s.phase === 'ended' ? s.by : null,
    dtmfSent: c.dtmfSent,
  };
}

/** Largest SDP offer we pass to the media side (a real audio offer is 1–4 KiB). */
const maxOfferBytes = 16 * 1024;

function checkOfferBody(
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

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
