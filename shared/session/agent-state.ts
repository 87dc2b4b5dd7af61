/**
 * Agent state machine (座席状态). Pure: no clock, no I/O. Main persists every accepted change
 * (agent_state_log) because occupancy and adherence metrics are computed from that log.
 */
import { ContractError, missingCaseError } from '../common/errors';

/** The states an agent can be in. Ringing and talking are driven by the softphone. */
export const agentStatuses = [
  'offline', // 离线
  'ready', // 示闲
  'not_ready', // 示忙 (reason required)
  'break', // 小休 (reason required)
  'ringing', // 振铃
  'in_call', // 通话中
  'after_call_work', // 话后整理 ACW
] as const;
export type AgentStatus = (typeof agentStatuses)[number];

/** 示忙 reasons. `login` is given by the system when a shift opens. */
export const notReadyReasons = [
  'login',
  'paperwork',
  'callback',
  'coaching',
  'system_issue',
  'other',
  'missed_offer',
] as const;
export type NotReadyReason = (typeof notReadyReasons)[number];

/** 小休 reasons (用餐/会议/培训/…). */
export const breakReasons = ['meal', 'restroom', 'meeting', 'training', 'rest'] as const;
export type BreakReason = (typeof breakReasons)[number];

export type AgentState =
  | { status: 'offline' }
  | { status: 'ready' }
  | { status: 'not_ready'; reason: NotReadyReason }
  | { status: 'break'; reason: BreakReason }
  | { status: 'ringing' }
  | { status: 'in_call' }
  | { status: 'after_call_work' };

/**
 * What can happen to an agent. `choose` is the agent's own pick in the status bar; the rest are
 * raised by sign-in/out and by the softphone.
 */
export type AgentCommand =
  | { kind: 'sign_in' }
  | { kind: 'sign_out' }
  | { kind: 'choose'; target: AgentState }
  | { kind: 'offer' } // an inbound call rings at this desk
  | { kind: 'offer_ended' } // the caller gave up before answer
  | { kind: 'offer_missed' } // the ring timed out: 未接, to be acknowledged before new calls
  | { kind: 'answer' }
  | { kind: 'dial' } // agent places an outbound call
  | { kind: 'call_ended' }
  | { kind: 'after_call_work_done'; next: AgentState };

/** States the agent may pick directly from the status bar. */
export const choosableStatuses = [
  'ready',
  'not_ready',
  'break',
] as const satisfies readonly AgentStatus[];
type ChoosableStatus = (typeof choosableStatuses)[number];

function isChoosable(status: AgentStatus): status is ChoosableStatus {
  return (choosableStatuses as readonly AgentStatus[]).includes(status);
}

function illegal(from: AgentState, command: AgentCommand): ContractError {
  const to = command.kind === 'choose' ? ` → ${command.target.status}` : '';
  return new ContractError(
    'ILLEGAL_TRANSITION',
    `Cannot ${command.kind}${to} while ${from.status}`,
  );
}

/** Validates a target chosen by the agent; a reason outside the list is refused. */
export function checkChosenTarget(target: AgentState): AgentState {
  switch (target.status) {
    case 'ready':
      return { status: 'ready' };
    case 'not_ready':
      if (
        !(notReadyReasons as readonly string[]).includes(target.reason) ||
        target.reason === 'login' ||
        target.reason === 'missed_offer'
      ) {
        throw new ContractError(
          'BAD_ARGUMENT',
          `Unknown not-ready reason: ${String(target.reason)}`,
        );
      }
      return { status: 'not_ready', reason: target.reason };
    case 'break':
      if (!(breakReasons as readonly string[]).includes(target.reason)) {
        throw new ContractError('BAD_ARGUMENT', `Unknown break reason: ${String(target.reason)}`);
      }
      return { status: 'break', reason: target.reason };
    case 'offline':
    case 'ringing':
    case 'in_call':
    case 'after_call_work':
      throw new ContractError(
        'ILLEGAL_TRANSITION',
        `State ${target.status} cannot be chosen by hand`,
      );
    default:
      throw missingCaseError(target);
  }
}

/** The next state, or a ContractError('ILLEGAL_TRANSITION') that leaves the caller's state as is. */
export function nextAgentState(from: AgentState, command: AgentCommand): AgentState {
  switch (command.kind) {
    case 'sign_in':
      if (from.status !== 'offline') throw illegal(from, command);
      // A fresh shift starts busy so no call arrives before the agent is ready for it.
      return { status: 'not_ready', reason: 'login' };
    case 'sign_out':
      // A call in progress must finish (and be recorded) before the shift can close.
      if (from.status === 'offline' || from.status === 'ringing' || from.status === 'in_call') {
        throw illegal(from, command);
      }
      return { status: 'offline' };
    case 'choose': {
      if (!isChoosable(from.status)) throw illegal(from, command);
      const target = checkChosenTarget(command.target);
      if (sameState(from, target)) throw illegal(from, command);
      return target;
    }
    case 'offer':
      if (from.status !== 'ready') throw illegal(from, command);
      return { status: 'ringing' };
    case 'offer_ended':
      if (from.status !== 'ringing') throw illegal(from, command);
      return { status: 'ready' };
    case 'offer_missed':
      // The agent was away from the desk: no new call until they acknowledge (choose 示闲).
      if (from.status !== 'ringing') throw illegal(from, command);
      return { status: 'not_ready', reason: 'missed_offer' };
    case 'answer':
      if (from.status !== 'ringing') throw illegal(from, command);
      return { status: 'in_call' };
    case 'dial':
      if (!isChoosable(from.status)) throw illegal(from, command);
      return { status: 'in_call' };
    case 'call_ended':
      if (from.status !== 'in_call') throw illegal(from, command);
      return { status: 'after_call_work' };
    case 'after_call_work_done':
      if (from.status !== 'after_call_work') throw illegal(from, command);
      return checkChosenTarget(command.next);
    default:
      throw missingCaseError(command);
  }
}

/**
 * "After this call" (本通话后): while a call rings, is talked or wrapped up, the agent's pick of
 * 示闲 / 示忙 / 小休 (or sign-out) waits until the call and its after-call work end, then applies.
 */
export const callFlowStatuses = [
  'ringing',
  'in_call',
  'after_call_work',
] as const satisfies readonly AgentStatus[];

export type AfterCallChoice = Extract<
  AgentState,
  { status: 'ready' } | { status: 'not_ready' } | { status: 'break' } | { status: 'offline' }
>;

export function inCallFlow(state: AgentState): boolean {
  return (callFlowStatuses as readonly AgentStatus[]).includes(state.status);
}

/**
 * Validates a pick for after the call: only while a call is under way (else it is an ordinary
 * choice), a reason from the list (as `checkChosenTarget`), or sign-out.
 */
export function checkAfterCallChoice(from: AgentState, choice: AgentState): AfterCallChoice {
  if (!inCallFlow(from)) {
    throw new ContractError(
      'ILLEGAL_TRANSITION',
      `Cannot choose for after the call while ${from.status}`,
    );
  }
  if (choice.status === 'offline') return { status: 'offline' };
  return checkChosenTarget(choice) as AfterCallChoice;
}

/** The commands that end the call flow: a pick made for after the call is applied by them. */
export function endsCallFlow(command: AgentCommand): boolean {
  return (
    command.kind === 'after_call_work_done' ||
    command.kind === 'offer_ended' ||
    command.kind === 'offer_missed'
  );
}

/**
 * The state a call-flow end lands in when the agent picked one for after the call: the pick
 * replaces where the agent would have gone (示闲 after a caller gave up, the ACW's next state).
 * Two exceptions keep the desk honest: a missed call still has to be acknowledged when the pick
 * was 示闲 (the agent was not at the desk to take it), and sign-out lands in 离线. Without a pick,
 * or for any other command, this is `nextAgentState`.
 */
export function settleAfterCall(
  from: AgentState,
  command: AgentCommand,
  pick: AfterCallChoice | null,
): AgentState {
  const plain = nextAgentState(from, command);
  if (!pick || !endsCallFlow(command)) return plain;
  if (pick.status === 'offline') return { status: 'offline' };
  if (command.kind === 'offer_missed' && pick.status === 'ready') return plain;
  return pick;
}

export function sameState(a: AgentState, b: AgentState): boolean {
  if (a.status !== b.status) return false;
  const ra = 'reason' in a ? a.reason : undefined;
  const rb = 'reason' in b ? b.reason : undefined;
  return ra === rb;
}

export function stateReason(state: AgentState): NotReadyReason | BreakReason | null {
  return 'reason' in state ? state.reason : null;
}

/** Rebuilds a state from its persisted columns; refuses rows that could not have been written. */
export function agentStateFromRow(status: string, reason: string | null): AgentState {
  switch (status) {
    case 'not_ready':
      if (reason && (notReadyReasons as readonly string[]).includes(reason)) {
        return { status, reason: reason as NotReadyReason };
      }
      break;
    case 'break':
      if (reason && (breakReasons as readonly string[]).includes(reason)) {
        return { status, reason: reason as BreakReason };
      }
      break;
    case 'offline':
    case 'ready':
    case 'ringing':
    case 'in_call':
    case 'after_call_work':
      if (reason === null) return { status };
      break;
  }
  throw new ContractError('INTERNAL', `Corrupt agent state row: ${status}/${String(reason)}`);
}
