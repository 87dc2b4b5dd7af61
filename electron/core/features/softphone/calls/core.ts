/**
 * What every part of call control shares: the one call in progress (a desk takes one at a time)
 * and the last one that ended, how events move a call through the state machine, and what ending
 * a call does — the record, the BYE, the consult leg, the agent's state and after-call work.
 * Each call-control piece (inbound, outbound, in-call, transfer, losses) works through this.
 * What watches a live call for being dead or held by the customer is `watch` (call-watch.ts).
 */
import type { Inviter, Session } from 'sip.js';
import { SessionState } from 'sip.js';
import type { CallEvent, CallState, EndCause } from '@shared/softphone/call-state';
import { nextCallState } from '@shared/softphone/call-state';
import type { SoftphoneView } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { CallServiceDeps } from '../call-service';
import type { AfterCallWork } from './acw';
import { CallWatch } from './call-watch';
import type { SoftphoneSettings } from './options';
import type { LiveCall } from './live-call';
import { errorText, toView } from './live-call';

export class CallCore {
  /**
   * The call in progress; `null` between calls, so never in phase `ended`. The pieces read it;
   * only this class assigns it, so a call cannot be replaced without being adopted or finished.
   */
  call: LiveCall | null = null;
  /** The call that ended last; shown until the next one (ACW, "call ended" banner). */
  private lastEnded: LiveCall | null = null;
  private readonly bySession = new WeakMap<Session, string>();
  private disposed = false;
  /** Session timers, the customer's hold and the silence watch of the call in progress. */
  readonly watch: CallWatch;

  constructor(
    private readonly deps: CallServiceDeps,
    private readonly afterCall: AfterCallWork,
    private readonly settings: SoftphoneSettings,
  ) {
    this.watch = new CallWatch(deps, this);
  }

  /** The sip.js → our call id mapping the media bridge's SDH factory uses. */
  callIdOf = (session: Session): string | undefined => this.bySession.get(session);

  view(): SoftphoneView {
    const shown = this.call ?? this.lastEnded;
    return {
      call: shown ? toView(shown) : null,
      acw: this.afterCall.view(),
      options: this.settings.options(),
      refusedNotReady: this.settings.refusedCount(),
      mediaAttached: this.deps.media.attached(),
    };
  }

  publish(): SoftphoneView {
    const view = this.view();
    if (!this.disposed) this.deps.onChange(view);
    return view;
  }

  /** Makes `call` the call in progress; its SIP session now maps to it for the media bridge. */
  adopt<C extends LiveCall>(call: C): C {
    this.bySession.set(call.sip, call.id);
    this.call = call;
    this.lastEnded = null;
    return call;
  }

  /** Undoes `adopt` for an offer that was never recorded: as if it had never arrived. */
  withdraw(call: LiveCall): void {
    this.call = null;
    this.bySession.delete(call.sip);
  }

  /** A second SIP session belonging to the call (the consult leg) gets its own media. */
  mapSession(session: Session, id: string): void {
    this.bySession.set(session, id);
  }

  require(callId: string): LiveCall {
    const call = this.call;
    if (!call || call.id !== callId) {
      throw new ContractError('NOT_FOUND', 'No such call in progress (it may have ended)');
    }
    return call;
  }

  /** A timer that dies with the call. */
  later(call: LiveCall, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      call.timers.delete(t);
      fn();
    }, ms);
    call.timers.add(t);
  }

  watchTermination(call: LiveCall): void {
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
    this.watch.attach(call);
  }

  /** Applies an event coming from the agent; an illegal one is refused with a clear error. */
  step(call: LiveCall, event: CallEvent): void {
    const before = call.state;
    call.state = nextCallState(call.state, event);
    if (call.state.phase === 'ended' && before.phase !== 'ended') this.finish(call, before);
    if (call.state.phase === 'active' && before.phase !== 'active') this.watch.answered(call);
  }

  /** Applies an event coming from SIP; one that makes no sense now is logged and dropped. */
  sipEvent(call: LiveCall, event: CallEvent): void {
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
  end(call: LiveCall, cause: EndCause, by: 'agent' | 'remote' | 'system'): void {
    const before = call.state;
    call.state = { phase: 'ended', direction: before.direction, cause, by };
    this.finish(call, before);
  }

  /** Hangs up or cancels the consult leg, however far it got. */
  endLeg(leg: Inviter): void {
    const p =
      leg.state === SessionState.Established
        ? leg.bye()
        : leg.state === SessionState.Establishing || leg.state === SessionState.Initial
          ? leg.cancel()
          : null;
    p?.catch((err: unknown) => this.logSip('ending consult leg failed', err));
  }

  logSip(what: string, err: unknown): void {
    this.deps.logger.warn(what, { error: errorText(err) });
  }

  dispose(): void {
    this.disposed = true;
    for (const c of [this.call, this.lastEnded]) c?.timers.forEach((t) => clearTimeout(t));
  }

  private finish(call: LiveCall, before: CallState): void {
    if (call.state.phase !== 'ended') return;
    const { cause, by } = call.state;
    const now = this.deps.clock.now();
    call.endedAt = now;
    call.ringDeadline = null;
    call.timers.forEach((t) => clearTimeout(t));
    call.timers.clear();
    this.watch.ended(call);
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
      this.afterCall.start(call.id, next, this.deps.clock.now());
    } catch (err) {
      this.deps.logger.error('agent state after call failed', { error: errorText(err) });
    }
  }
}
