/**
 * Call-control state machine (one call, owned by main). Pure: the softphone feeds it SIP
 * outcomes and agent commands and acts on the state it returns. Rules (docs/DESIGN.md §2, and what agents
 * asked of the softphone):
 * - hold shows as held only once the re-INVITE is confirmed; a failed hold is its own visible
 *   state ("NOT on hold") that can be retried;
 * - mute works in every live state, including on hold and while reconnecting;
 * - consult transfer puts the customer on hold first and can always be cancelled;
 * - a transport drop mid-call is survivable (re-INVITE with ICE restart once it is back);
 * - the customer's own hold (their re-INVITE with sendonly/inactive) is theirs, apart from the
 *   agent's: it never changes `hold`, and the agent's hold controls work as ever during it;
 * - a call that has gone silent (no inbound RTP, neither side holding) is flagged `silent`; the
 *   agent keeps it or the system ends it (`media_timeout`); a session timer nobody refreshed ends
 *   it as `session_expired` (docs/adr/0012-dead-calls-and-remote-hold.md).
 */
import { ContractError, missingCaseError } from '../common/errors';

/** Call types from docs/DOMAIN.md §1, used as the disposition every call gets before the agent is ready. */
export const dispositions = [
  'tracking', // 查件
  'order', // 下单/预约取件
  'enquiry', // 咨询
  'complaint', // 投诉
  'claim', // 理赔
  'redirect', // 改址/转寄
  'return', // 退回
  'chase_delivery', // 催派
  'key_account', // 大客户
  'other', // 其他
] as const;
export type Disposition = (typeof dispositions)[number];

/** After-call work as a lead configures it. */
export const acwModes = ['timed', 'until_done', 'none'] as const;
export type AcwMode = (typeof acwModes)[number];

export const holdStates = ['none', 'holding', 'held', 'resuming', 'hold_failed'] as const;
export type HoldState = (typeof holdStates)[number];

export type Transfer =
  | { kind: 'none' }
  | { kind: 'blind'; target: string; phase: 'refer_sent' | 'accepted' }
  | {
      kind: 'consult';
      target: string;
      phase: 'dialing' | 'talking' | 'completing';
      talkingTo: 'customer' | 'target';
    };

export const endCauses = [
  'agent_hangup',
  'remote_hangup',
  'rejected',
  'remote_cancel',
  'ring_timeout',
  'remote_busy',
  'remote_failed',
  'transferred',
  'transport_lost',
  'media_lost',
  /** Refused with 486 because the agent was not 示闲 (counted, never rang). */
  'refused_not_ready',
  /** The desk process stopped mid-call; closed on the next start. */
  'desk_restart',
  /** No inbound RTP for the silence timeout and its grace, and the agent did not keep the call. */
  'media_timeout',
  /** The RFC 4028 session timer ran out: the refresher's refresh never came (or ours failed). */
  'session_expired',
  /** Refused with 422: the caller's session interval was below our Min-SE (it retries higher). */
  'interval_too_small',
] as const;
export type EndCause = (typeof endCauses)[number];

export type CallState =
  | { phase: 'offering'; direction: 'inbound' }
  | { phase: 'dialing'; direction: 'outbound'; remoteRinging: boolean }
  | {
      phase: 'active';
      direction: 'inbound' | 'outbound';
      hold: HoldState;
      muted: boolean;
      transfer: Transfer;
      /** The transport dropped; media resumes after a re-INVITE (ICE restart) once it is back. */
      reconnecting: boolean;
      /** The customer's side put the call on hold (their re-INVITE: sendonly or inactive). */
      remoteHold: boolean;
      /** No inbound RTP for the silence timeout while nobody holds: the agent is warned. */
      silent: boolean;
    }
  | {
      phase: 'ended';
      direction: 'inbound' | 'outbound';
      cause: EndCause;
      by: 'agent' | 'remote' | 'system';
    };

export type CallEvent =
  | { type: 'answer' } // agent answers an offer (200 OK sent)
  | { type: 'reject' }
  | { type: 'ring_timeout' }
  | { type: 'remote_cancel' }
  | { type: 'remote_ringing' }
  | { type: 'remote_answer' }
  | { type: 'remote_busy' }
  | { type: 'remote_failed' }
  | { type: 'hold' }
  | { type: 'hold_ok' }
  | { type: 'hold_failed' }
  | { type: 'resume' }
  | { type: 'resume_ok' }
  | { type: 'resume_failed' }
  | { type: 'mute' }
  | { type: 'unmute' }
  | { type: 'blind_transfer'; target: string }
  | { type: 'refer_accepted' } // 202 to our REFER
  | { type: 'refer_rejected' } // 4xx/5xx to REFER, or NOTIFY with a final failure
  | { type: 'notify_success' } // NOTIFY sipfrag 200: the transferee reached the target
  | { type: 'consult_start'; target: string } // customer must already be held
  | { type: 'consult_answered' }
  | { type: 'consult_failed' }
  | { type: 'consult_swap' }
  | { type: 'consult_cancel' }
  | { type: 'consult_complete' }
  | { type: 'transport_lost' }
  | { type: 'transport_restored_reinvite_ok' }
  | { type: 'media_lost' } // the renderer holding the media vanished
  | { type: 'remote_hold' } // we answered the customer's sendonly/inactive re-INVITE
  | { type: 'remote_resume' } // … and their re-INVITE back to sendrecv
  | { type: 'silence' } // no inbound RTP for the silence timeout, nobody holding
  | { type: 'media_back' } // inbound RTP again while the warning shows
  | { type: 'keep' } // the agent keeps a silent call
  | { type: 'media_timeout' } // the grace after the warning ran out
  | { type: 'session_expired' } // RFC 4028: no refresh before the session expired
  | { type: 'hangup' } // agent
  | { type: 'remote_bye' };

export function inboundOffer(): CallState {
  return { phase: 'offering', direction: 'inbound' };
}

export function outboundDial(): CallState {
  return { phase: 'dialing', direction: 'outbound', remoteRinging: false };
}

function illegal(state: CallState, event: CallEvent): ContractError {
  const detail =
    state.phase === 'active' ? ` (hold ${state.hold}, transfer ${state.transfer.kind})` : '';
  return new ContractError(
    'ILLEGAL_TRANSITION',
    `Call cannot ${event.type} while ${state.phase}${detail}`,
  );
}

function active(direction: 'inbound' | 'outbound'): CallState {
  return {
    phase: 'active',
    direction,
    hold: 'none',
    muted: false,
    transfer: { kind: 'none' },
    reconnecting: false,
    remoteHold: false,
    silent: false,
  };
}

function ended(state: CallState, cause: EndCause, by: 'agent' | 'remote' | 'system'): CallState {
  return { phase: 'ended', direction: state.direction, cause, by };
}

export function nextCallState(state: CallState, event: CallEvent): CallState {
  switch (state.phase) {
    case 'ended':
      throw illegal(state, event);
    case 'offering':
      switch (event.type) {
        case 'answer':
          return active('inbound');
        case 'reject':
          return ended(state, 'rejected', 'agent');
        case 'ring_timeout':
          return ended(state, 'ring_timeout', 'system');
        case 'remote_cancel':
          return ended(state, 'remote_cancel', 'remote');
        case 'transport_lost':
          return ended(state, 'transport_lost', 'system');
        default:
          throw illegal(state, event);
      }
    case 'dialing':
      switch (event.type) {
        case 'remote_ringing':
          return { ...state, remoteRinging: true };
        case 'remote_answer':
          return active('outbound');
        case 'remote_busy':
          return ended(state, 'remote_busy', 'remote');
        case 'remote_failed':
          return ended(state, 'remote_failed', 'remote');
        case 'hangup':
          return ended(state, 'agent_hangup', 'agent');
        case 'transport_lost':
          return ended(state, 'transport_lost', 'system');
        default:
          throw illegal(state, event);
      }
    case 'active':
      return nextActive(state, event);
    default:
      throw missingCaseError(state);
  }
}

type Active = Extract<CallState, { phase: 'active' }>;

function nextActive(s: Active, event: CallEvent): CallState {
  const consult = s.transfer.kind === 'consult' ? s.transfer : null;
  switch (event.type) {
    case 'mute':
      return { ...s, muted: true };
    case 'unmute':
      return { ...s, muted: false };
    case 'hangup':
      return ended(s, 'agent_hangup', 'agent');
    case 'remote_bye':
      // The customer hung up, whatever else was going on (held, mid-transfer).
      return ended(
        s,
        s.transfer.kind === 'blind' && s.transfer.phase === 'accepted'
          ? 'transferred'
          : 'remote_hangup',
        'remote',
      );
    case 'media_lost':
      return ended(s, 'media_lost', 'system');
    case 'session_expired':
      return ended(s, 'session_expired', 'system');
    case 'media_timeout':
      // Only a call still flagged silent: a keep, media coming back or a hold cleared the flag.
      if (!s.silent) break;
      return ended(s, 'media_timeout', 'system');
    case 'remote_hold':
      // The silence watch sleeps while anyone holds: a held customer sends us nothing.
      return { ...s, remoteHold: true, silent: false };
    case 'remote_resume':
      return { ...s, remoteHold: false };
    case 'silence':
      if (
        s.silent ||
        s.remoteHold ||
        s.reconnecting ||
        (s.hold !== 'none' && s.hold !== 'hold_failed')
      )
        break;
      return { ...s, silent: true };
    case 'media_back':
      if (!s.silent) break;
      return { ...s, silent: false };
    case 'keep':
      if (!s.silent) break;
      return { ...s, silent: false };
    case 'transport_lost':
      return { ...s, reconnecting: true, silent: false };
    case 'transport_restored_reinvite_ok':
      if (!s.reconnecting) break;
      return { ...s, reconnecting: false };
    case 'hold':
      if (s.reconnecting || (s.hold !== 'none' && s.hold !== 'hold_failed')) break;
      return { ...s, hold: 'holding', silent: false };
    case 'hold_ok':
      if (s.hold !== 'holding') break;
      return { ...s, hold: 'held' };
    case 'hold_failed':
      // Shown as a red "NOT on hold": the customer can still hear the agent.
      if (s.hold !== 'holding') break;
      return { ...s, hold: 'hold_failed' };
    case 'resume':
      if (s.reconnecting || s.hold !== 'held' || consult) break;
      return { ...s, hold: 'resuming' };
    case 'resume_ok':
      if (s.hold !== 'resuming') break;
      return { ...s, hold: 'none' };
    case 'resume_failed':
      // Still held: the agent can try again, and the hold timer keeps counting.
      if (s.hold !== 'resuming') break;
      return { ...s, hold: 'held' };
    case 'blind_transfer':
      if (s.reconnecting || s.transfer.kind !== 'none' || !event.target) break;
      return { ...s, transfer: { kind: 'blind', target: event.target, phase: 'refer_sent' } };
    case 'refer_accepted':
      if (s.transfer.kind !== 'blind' || s.transfer.phase !== 'refer_sent') break;
      return { ...s, transfer: { ...s.transfer, phase: 'accepted' } };
    case 'refer_rejected':
      // The transfer failed: the customer is still ours.
      if (s.transfer.kind !== 'blind' && !(consult && consult.phase === 'completing')) break;
      return consult
        ? { ...s, transfer: { ...consult, phase: 'talking' } }
        : { ...s, transfer: { kind: 'none' } };
    case 'notify_success':
      if (
        !(s.transfer.kind === 'blind' && s.transfer.phase === 'accepted') &&
        !(consult && consult.phase === 'completing')
      )
        break;
      return ended(s, 'transferred', 'agent');
    case 'consult_start':
      if (s.reconnecting || s.hold !== 'held' || s.transfer.kind !== 'none' || !event.target) break;
      return {
        ...s,
        transfer: { kind: 'consult', target: event.target, phase: 'dialing', talkingTo: 'target' },
      };
    case 'consult_answered':
      if (!consult || consult.phase !== 'dialing') break;
      return { ...s, transfer: { ...consult, phase: 'talking' } };
    case 'consult_failed':
      if (!consult || consult.phase === 'completing') break;
      // Back to the held customer; the agent resumes when ready.
      return { ...s, transfer: { kind: 'none' } };
    case 'consult_swap':
      if (!consult || consult.phase !== 'talking') break;
      return {
        ...s,
        transfer: { ...consult, talkingTo: consult.talkingTo === 'target' ? 'customer' : 'target' },
      };
    case 'consult_cancel':
      // Always available while consulting: drop the target, keep the (held) customer.
      if (!consult) break;
      return { ...s, transfer: { kind: 'none' } };
    case 'consult_complete':
      if (!consult || consult.phase !== 'talking') break;
      return { ...s, transfer: { ...consult, phase: 'completing' } };
    case 'answer':
    case 'reject':
    case 'ring_timeout':
    case 'remote_cancel':
    case 'remote_ringing':
    case 'remote_answer':
    case 'remote_busy':
    case 'remote_failed':
      break;
    default:
      throw missingCaseError(event);
  }
  throw illegal(s, event);
}
