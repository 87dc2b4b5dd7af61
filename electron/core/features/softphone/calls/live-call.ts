/**
 * The call main holds while it lasts, and what the console sees of it. The SIP session's class
 * follows from the direction (we receive an Invitation, we send an Inviter), so code that needs
 * one of them narrows on `direction` instead of trusting the phase.
 */
import type { Invitation, Inviter } from 'sip.js';
import type { AgentState } from '@shared/session/agent-state';
import type { CallState } from '@shared/softphone/call-state';
import type { CallView } from '@shared/contract';

export type Direction = 'inbound' | 'outbound';

interface SipSessionOf {
  inbound: Invitation;
  outbound: Inviter;
}

export interface LiveCallOf<D extends Direction> {
  id: string;
  direction: D;
  sip: SipSessionOf[D];
  sipCallId: string;
  state: CallState;
  remoteNumber: string;
  remoteName: string | null;
  /** The customer the call is tied to (calls/links.ts). */
  customerId: string | null;
  /** What the console shows instead of the number (masked, for click-to-dial from a waybill). */
  display: string | null;
  offeredAt: number;
  answeredAt: number | null;
  holdSince: number | null;
  /** Since when the customer's side holds the call (calls/remote-hold.ts); null: not holding. */
  remoteHoldSince: number | null;
  /** The silence warning shown to the agent (calls/silence-watch.ts). */
  silence: { since: number; endsAt: number } | null;
  /** The RFC 4028 session timer negotiated for the call (calls/session-timer.ts). */
  sessionTimer: { interval: number; refresher: 'local' | 'remote'; expiresAt: number } | null;
  ringDeadline: number | null;
  endedAt: number | null;
  dtmfSent: string;
  transferNote: string | null;
  timers: Set<ReturnType<typeof setTimeout>>;
  answering: boolean;
  /**
   * Hang-up (or reject) pressed while the 200 OK was being sent: the call is answered, then ended
   * by the agent with a BYE — never left up at the customer's end with nobody on it.
   */
  hangUpOnAnswer: boolean;
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

export type InboundCall = LiveCallOf<'inbound'>;
export type OutboundCall = LiveCallOf<'outbound'>;
export type LiveCall = InboundCall | OutboundCall;

export function newLiveCall<D extends Direction>(
  id: string,
  direction: D,
  sip: SipSessionOf[D],
  state: CallState,
  remoteNumber: string,
  remoteName: string | null,
  now: number,
): LiveCallOf<D> {
  const call: LiveCallOf<D> = {
    id,
    direction,
    sip,
    sipCallId: sip.request.callId,
    state,
    remoteNumber,
    remoteName,
    customerId: null,
    display: null,
    offeredAt: now,
    answeredAt: null,
    holdSince: null,
    remoteHoldSince: null,
    silence: null,
    sessionTimer: null,
    ringDeadline: null,
    endedAt: null,
    dtmfSent: '',
    transferNote: null,
    timers: new Set(),
    answering: false,
    hangUpOnAnswer: false,
    holdAttempts: 0,
    previous: null,
    consult: null,
    mediaError: null,
    confirmed: Promise.resolve(),
    confirm: () => undefined,
  };
  call.confirmed = new Promise<void>((resolve) => (call.confirm = resolve));
  return call;
}

/** Waits for the dialog to be confirmed (ACK), at most 5 s — sip.js ends it if no ACK comes. */
export function whenConfirmed(call: LiveCall): Promise<void> {
  return Promise.race([call.confirmed, new Promise<void>((r) => setTimeout(r, 5000).unref())]);
}

export function toView(c: LiveCall): CallView {
  const s = c.state;
  const active = s.phase === 'active' ? s : null;
  const t = active?.transfer;
  return {
    id: c.id,
    direction: s.direction,
    remoteNumber: c.display ?? c.remoteNumber,
    remoteName: c.remoteName,
    customerId: c.customerId,
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
    remoteHold: active?.remoteHold ?? false,
    remoteHoldSince: active?.remoteHold ? c.remoteHoldSince : null,
    silence: active?.silent ? c.silence : null,
    sessionTimer: active ? c.sessionTimer : null,
  };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
