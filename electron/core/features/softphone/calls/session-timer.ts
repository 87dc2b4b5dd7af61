/**
 * RFC 4028 session timers, built around sip.js 0.21's Session API (it has none of its own): the
 * terms are read from the INVITE after the ring is committed (never before the 180, ADR 0007/0008)
 * and put into our 200 OK with `accept({ extraHeaders })`; our INVITEs and re-INVITEs carry them
 * as extra headers; a refresh is a `session.invite()` re-INVITE at half the interval when we are
 * the refresher; the far end's refreshes are its re-INVITEs (sip.js answers UPDATE with 501 and we
 * do not list UPDATE in Allow, so a compliant refresher re-INVITEs). When the refresh does not
 * come — the far end died without a BYE — the call ends as `session_expired` with our BYE.
 * docs/adr/0012-dead-calls-and-remote-hold.md.
 */
import type { CallWatchSettings } from '@shared/softphone/contract';
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';
import type { LiveCall } from './live-call';

/**
 * How long one second of a session interval lasts, in ms: 1000. The SIP tests run RFC 4028's
 * real intervals (90 s minimum) on a faster clock by lowering it; nothing else reads it.
 */
export const sessionTimerPace = { msPerSecond: 1000 };

/** RFC 4028 §4: the recommended interval; §5: the smallest Min-SE there is. */
export const defaultSessionExpires = 1800;
export const lowestMinSE = 90;

/** Interval seconds as timer milliseconds (at the pace above). */
function paced(seconds: number): number {
  return Math.max(1, Math.round(seconds * sessionTimerPace.msPerSecond));
}

export type Refresher = 'local' | 'remote';
export interface TimerTerms {
  /** Session interval, seconds. */
  interval: number;
  /** Who sends the refreshes: us (local) or the far end (remote). */
  refresher: Refresher;
}
export interface TimerPolicy {
  /** What we ask for in our INVITEs, and offer a caller that supports timers but asked for none. */
  sessionExpires: number;
  /** Our Min-SE: a caller supporting timers that asks for less gets 422. */
  minSE: number;
}

export function timerPolicy(settings: CallWatchSettings | undefined): TimerPolicy {
  const minSE = Math.max(lowestMinSE, settings?.minSessionExpiresSeconds ?? lowestMinSE);
  return {
    minSE,
    sessionExpires: Math.max(minSE, settings?.sessionExpiresSeconds ?? defaultSessionExpires),
  };
}

/** A SIP message's headers as sip.js gives them (IncomingMessage; a test's stand-in has less). */
export interface Headers {
  getHeader(name: string): string | undefined;
  getHeaders?(name: string): string[];
}

function values(m: Headers, ...names: string[]): string[] {
  return names.flatMap((n) =>
    typeof m.getHeaders === 'function' ? m.getHeaders(n) : [m.getHeader(n) ?? ''],
  );
}

/** Does a Supported/Require list (any number of rows, long or compact name) name `timer`? */
export function listsTimer(m: Headers, header: 'Supported' | 'Require'): boolean {
  const names = header === 'Supported' ? ['Supported', 'k'] : ['Require'];
  return values(m, ...names).some((v) =>
    v.split(',').some((tag) => tag.trim().toLowerCase() === 'timer'),
  );
}

/** `Session-Expires: 90;refresher=uac` (or compact `x:`); null if absent or unreadable. */
export function sessionExpiresOf(
  m: Headers,
): { seconds: number; refresher: 'uac' | 'uas' | null } | null {
  const raw = values(m, 'Session-Expires', 'x').find((v) => v.trim() !== '');
  const match = raw && /^\s*(\d{1,9})\s*(;.*)?$/.exec(raw);
  if (!match) return null;
  const param = /;\s*refresher\s*=\s*(uac|uas)\s*(?:;|$)/i.exec(match[2] ?? '');
  return {
    seconds: Number(match[1]),
    refresher: param ? (param[1]!.toLowerCase() as 'uac' | 'uas') : null,
  };
}

export function minSEOf(m: Headers): number | null {
  const raw = values(m, 'Min-SE').find((v) => v.trim() !== '');
  const match = raw && /^\s*(\d{1,9})\s*(;.*)?$/.exec(raw);
  return match ? Number(match[1]) : null;
}

/** What we answer to an INVITE or re-INVITE as its UAS (RFC 4028 §9). */
export type UasTerms =
  | { kind: 'reject'; minSE: number }
  | { kind: 'accept'; terms: TimerTerms | null; headers: string[] };

export function negotiateAsUas(
  request: Headers,
  policy: TimerPolicy,
  current: TimerTerms | null,
): UasTerms {
  const supported = listsTimer(request, 'Supported') || listsTimer(request, 'Require');
  const asked = sessionExpiresOf(request);
  // Who refreshes when the request does not say: as so far, if the far end can; else as it can.
  const preferred: Refresher =
    current && (current.refresher === 'local' || supported)
      ? current.refresher
      : supported
        ? 'remote'
        : 'local';
  let terms: TimerTerms;
  if (!asked) {
    // No Session-Expires: no session timer — unless the caller supports them, then we ask for ours.
    if (!supported) return { kind: 'accept', terms: null, headers: [] };
    terms = {
      interval: Math.max(policy.sessionExpires, minSEOf(request) ?? 0),
      refresher: preferred,
    };
  } else {
    // Too short, from a UA that knows timers: 422 with our minimum (it retries with it). One
    // that does not know them (a proxy added the header) must not be refused: we refresh.
    if (asked.seconds < policy.minSE && supported) return { kind: 'reject', minSE: policy.minSE };
    const refresher: Refresher =
      asked.refresher === 'uac' ? 'remote' : asked.refresher === 'uas' ? 'local' : preferred;
    terms = { interval: asked.seconds, refresher };
  }
  const headers = [
    `Session-Expires: ${terms.interval};refresher=${terms.refresher === 'remote' ? 'uac' : 'uas'}`,
    'Supported: timer',
  ];
  // MUST when the UAC refreshes (it has to act on our answer), SHOULD when it supports them.
  if (terms.refresher === 'remote' || supported) headers.push('Require: timer');
  return { kind: 'accept', terms, headers };
}

/** Headers of an INVITE or re-INVITE we send (as its UAC), given the terms in force. */
export function uacHeaders(policy: TimerPolicy, current: TimerTerms | null): string[] {
  if (!current) {
    return [
      'Supported: timer',
      `Session-Expires: ${policy.sessionExpires}`,
      `Min-SE: ${policy.minSE}`,
    ];
  }
  const refresher = current.refresher === 'local' ? 'uac' : 'uas';
  return [
    'Supported: timer',
    `Session-Expires: ${current.interval};refresher=${refresher}`,
    `Min-SE: ${policy.minSE}`,
  ];
}

/** The terms a 2xx to our (re-)INVITE sets: none without Session-Expires (RFC 4028 §7.2). */
export function termsFrom2xx(response: Headers): TimerTerms | null {
  const se = sessionExpiresOf(response);
  if (!se) return null;
  // refresher=uas: the far end; uac (or, against §9, missing): we refresh — more is harmless.
  return { interval: se.seconds, refresher: se.refresher === 'uas' ? 'remote' : 'local' };
}

type Outcome = { onAccept: () => void; onReject: () => void };
/** Sends a re-INVITE for the call (in-call.ts's `reinvite`, given here to avoid an import cycle). */
export type SendReinvite = (call: LiveCall, hold: boolean, outcome: Outcome) => void;

interface Running {
  policy: TimerPolicy;
  /** Negotiated for an offer, applied once the call is answered. */
  offered: TimerTerms | null;
  /** Headers for our 200 OK to the INVITE; null until the offer was read. */
  acceptHeaders: string[] | null;
  handles: ReturnType<typeof setTimeout>[];
}

/** Each call's session timer: negotiated, started on answer, refreshed or expired. */
export class SessionTimers {
  private readonly running = new WeakMap<LiveCall, Running>();
  private sendReinvite: SendReinvite | null = null;

  constructor(
    private readonly deps: Pick<CallServiceDeps, 'clock' | 'logger'>,
    private readonly core: CallCore,
    private readonly policyOf: (call: LiveCall) => TimerPolicy,
  ) {}

  useReinvite(send: SendReinvite): void {
    this.sendReinvite = send;
  }

  /** Our outgoing INVITE asks for timers (before it is sent). */
  outgoingHeaders(call: LiveCall): string[] {
    return uacHeaders(this.of(call).policy, null);
  }

  /**
   * Reads an incoming INVITE's terms (after the commit, off the ring path). Returns the Min-SE to
   * refuse it with (422), or null to go on.
   */
  offer(call: LiveCall): number | null {
    const r = this.of(call);
    if (r.acceptHeaders) return null;
    const terms = negotiateAsUas(call.sip.request, r.policy, null);
    if (terms.kind === 'reject') {
      r.acceptHeaders = [];
      return terms.minSE;
    }
    r.offered = terms.terms;
    r.acceptHeaders = terms.headers;
    return null;
  }

  /** Extra headers for our 200 OK to the INVITE (read now if the offer was not read yet). */
  acceptHeaders(call: LiveCall): string[] {
    this.offer(call);
    return this.of(call).acceptHeaders ?? [];
  }

  /** The 2xx of our outgoing INVITE arrived: its terms apply once the call is connected. */
  outgoingAnswered(call: LiveCall, response: Headers): void {
    this.of(call).offered = termsFrom2xx(response);
  }

  /** The call is connected: start the timer it negotiated, if any. */
  answered(call: LiveCall): void {
    this.start(call, this.of(call).offered);
  }

  /** Headers for a re-INVITE we send while the timer runs (any re-INVITE refreshes it). */
  reinviteHeaders(call: LiveCall): string[] {
    return call.sessionTimer ? uacHeaders(this.of(call).policy, call.sessionTimer) : [];
  }

  /** A 2xx to our re-INVITE: the session is refreshed on the terms it carries. */
  reinviteAccepted(call: LiveCall, response: Headers): void {
    if (!call.sessionTimer) return;
    this.start(call, termsFrom2xx(response));
    this.core.publish();
  }

  /**
   * Our re-INVITE failed. 422: the far end wants a longer interval (its Min-SE); ask again with
   * it. 408/481: the dialog is gone (RFC 3261 §12.2.1.2) — the session cannot be refreshed.
   * Anything else (491 glare, 500 …): as the refresher we try again shortly, until the expiry.
   */
  reinviteRejected(call: LiveCall, status: number, response: Headers | null): void {
    const timer = call.sessionTimer;
    if (!timer || call.state.phase !== 'active') return;
    if (status === 408 || status === 481) {
      this.expire(call, `re-INVITE answered ${status}`);
      return;
    }
    if (timer.refresher !== 'local') return;
    const wanted = status === 422 && response ? minSEOf(response) : null;
    if (wanted && wanted > timer.interval) {
      call.sessionTimer = { ...timer, interval: wanted };
      this.refresh(call);
      return;
    }
    const retry = paced(Math.max(2, timer.interval / 10));
    if (this.deps.clock.now() + retry < timer.expiresAt) {
      this.schedule(call, this.of(call), retry, () => this.refresh(call));
    }
  }

  /**
   * The far end's re-INVITE is about to be answered: the terms it asks for, and the headers our
   * 200 OK must carry. Applied by `remoteRefreshed` once the 200 went out.
   */
  remoteReinvite(
    call: LiveCall,
    request: Headers,
  ): { terms: TimerTerms | null; headers: string[] } {
    // sip.js answers a re-INVITE by itself; a too-short interval is taken rather than refused
    // mid-call (the 422 is for the INVITE, before anything is agreed).
    const policy = { ...this.of(call).policy, minSE: 0 };
    const terms = negotiateAsUas(request, policy, call.sessionTimer);
    return terms.kind === 'accept' ? terms : { terms: null, headers: [] };
  }

  /** We answered the far end's re-INVITE 200: the session is refreshed on its terms. */
  remoteRefreshed(call: LiveCall, terms: TimerTerms | null): void {
    if (call.state.phase !== 'active') return;
    this.start(call, terms);
    this.core.publish();
  }

  ended(call: LiveCall): void {
    const r = this.running.get(call);
    if (r) this.clear(call, r);
  }

  private of(call: LiveCall): Running {
    let r = this.running.get(call);
    if (!r) {
      r = { policy: this.policyOf(call), offered: null, acceptHeaders: null, handles: [] };
      this.running.set(call, r);
    }
    return r;
  }

  private start(call: LiveCall, terms: TimerTerms | null): void {
    const r = this.of(call);
    this.clear(call, r);
    if (!terms || call.state.phase !== 'active') {
      call.sessionTimer = null;
      return;
    }
    const ms = paced;
    const now = this.deps.clock.now();
    call.sessionTimer = {
      interval: terms.interval,
      refresher: terms.refresher,
      expiresAt: now + ms(terms.interval),
    };
    if (terms.refresher === 'local') {
      this.schedule(call, r, ms(terms.interval / 2), () => this.refresh(call));
      // Our own refreshes failed all the way to the expiry: the session is over.
      this.schedule(call, r, ms(terms.interval), () => this.expire(call, 'no refresh succeeded'));
    } else {
      // The far end refreshes; without one, BYE slightly before expiry: min(32 s, a third) (§10).
      const bye = terms.interval - Math.min(32, terms.interval / 3);
      this.schedule(call, r, ms(bye), () => this.expire(call, 'the refresher never refreshed'));
    }
  }

  private refresh(call: LiveCall): void {
    const s = call.state;
    if (s.phase !== 'active' || !call.sessionTimer || !this.sendReinvite) return;
    // While reconnecting the ICE-restart re-INVITE will refresh; a hold in flight refreshes too.
    if (s.reconnecting || s.hold === 'holding' || s.hold === 'resuming') return;
    this.deps.logger.info('refreshing the session (RFC 4028)', { callId: call.id });
    this.sendReinvite(call, s.hold === 'held', {
      onAccept: () => undefined, // reinviteAccepted restarts the timer
      onReject: () => undefined, // reinviteRejected handles 422/408/481
    });
  }

  private expire(call: LiveCall, why: string): void {
    if (call.state.phase !== 'active') return;
    this.deps.logger.warn('ending call: session expired (RFC 4028)', { callId: call.id, why });
    this.core.sipEvent(call, { type: 'session_expired' });
  }

  private schedule(call: LiveCall, r: Running, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      call.timers.delete(t);
      r.handles = r.handles.filter((h) => h !== t);
      fn();
    }, ms);
    call.timers.add(t); // cleared with the call's other timers when it ends
    r.handles.push(t);
  }

  private clear(call: LiveCall, r: Running): void {
    for (const t of r.handles) {
      clearTimeout(t);
      call.timers.delete(t);
    }
    r.handles = [];
  }
}
