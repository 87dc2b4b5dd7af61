import { describe, expect, it } from 'vitest';
import type { AgentCommand, AgentState } from '@shared/session/agent-state';
import {
  agentStateFromRow,
  agentStatuses,
  breakReasons,
  checkAfterCallChoice,
  checkChosenTarget,
  endsCallFlow,
  nextAgentState,
  notReadyReasons,
  settleAfterCall,
} from '@shared/session/agent-state';
import { ContractError } from '@shared/common/errors';

const states: AgentState[] = [
  { status: 'offline' },
  { status: 'ready' },
  { status: 'not_ready', reason: 'login' },
  { status: 'not_ready', reason: 'paperwork' },
  { status: 'not_ready', reason: 'missed_offer' },
  { status: 'break', reason: 'meal' },
  { status: 'ringing' },
  { status: 'in_call' },
  { status: 'after_call_work' },
];

const commands: AgentCommand[] = [
  { kind: 'sign_in' },
  { kind: 'sign_out' },
  { kind: 'choose', target: { status: 'ready' } },
  { kind: 'choose', target: { status: 'not_ready', reason: 'paperwork' } },
  { kind: 'choose', target: { status: 'break', reason: 'meal' } },
  { kind: 'choose', target: { status: 'break', reason: 'training' } },
  { kind: 'offer' },
  { kind: 'offer_ended' },
  { kind: 'offer_missed' },
  { kind: 'answer' },
  { kind: 'dial' },
  { kind: 'call_ended' },
  { kind: 'after_call_work_done', next: { status: 'ready' } },
];

const key = (s: AgentState) => ('reason' in s ? `${s.status}:${s.reason}` : s.status);
const cmdKey = (c: AgentCommand) =>
  c.kind === 'choose'
    ? `choose ${key(c.target)}`
    : c.kind === 'after_call_work_done'
      ? `acw_done ${key(c.next)}`
      : c.kind;

/**
 * The whole table, written out by hand: every (state, command) pair either lands in the named
 * state or is refused ('✗'). A change to the machine must change this table.
 */
const expected: Record<string, Record<string, string>> = {
  offline: { sign_in: 'not_ready:login' },
  ready: {
    sign_out: 'offline',
    'choose not_ready:paperwork': 'not_ready:paperwork',
    'choose break:meal': 'break:meal',
    'choose break:training': 'break:training',
    offer: 'ringing',
    dial: 'in_call',
  },
  'not_ready:login': {
    sign_out: 'offline',
    'choose ready': 'ready',
    'choose not_ready:paperwork': 'not_ready:paperwork',
    'choose break:meal': 'break:meal',
    'choose break:training': 'break:training',
    dial: 'in_call',
  },
  'not_ready:paperwork': {
    sign_out: 'offline',
    'choose ready': 'ready',
    'choose break:meal': 'break:meal',
    'choose break:training': 'break:training',
    dial: 'in_call',
  },
  'not_ready:missed_offer': {
    sign_out: 'offline',
    'choose ready': 'ready',
    'choose not_ready:paperwork': 'not_ready:paperwork',
    'choose break:meal': 'break:meal',
    'choose break:training': 'break:training',
    dial: 'in_call',
  },
  'break:meal': {
    sign_out: 'offline',
    'choose ready': 'ready',
    'choose not_ready:paperwork': 'not_ready:paperwork',
    'choose break:training': 'break:training',
    dial: 'in_call',
  },
  ringing: { offer_ended: 'ready', offer_missed: 'not_ready:missed_offer', answer: 'in_call' },
  in_call: { call_ended: 'after_call_work' },
  after_call_work: { sign_out: 'offline', 'acw_done ready': 'ready' },
};

describe('agent state machine', () => {
  for (const from of states) {
    for (const command of commands) {
      const want = expected[key(from)]?.[cmdKey(command)] ?? '✗';
      it(`${key(from)} --${cmdKey(command)}--> ${want}`, () => {
        if (want === '✗') {
          const err = (() => {
            try {
              nextAgentState(from, command);
            } catch (e) {
              return e;
            }
            return null;
          })();
          expect(err).toBeInstanceOf(ContractError);
          expect((err as ContractError).code).toBe('ILLEGAL_TRANSITION');
          expect((err as ContractError).message).toContain(from.status);
        } else {
          expect(key(nextAgentState(from, command))).toBe(want);
        }
      });
    }
  }

  it('refuses reasons outside the lists and the system-only login reason', () => {
    expect(() => checkChosenTarget({ status: 'not_ready', reason: 'nap' as never })).toThrow(
      /Unknown not-ready reason/,
    );
    expect(() => checkChosenTarget({ status: 'not_ready', reason: 'login' })).toThrow(
      ContractError,
    );
    expect(() => checkChosenTarget({ status: 'not_ready', reason: 'missed_offer' })).toThrow(
      ContractError,
    );
    expect(() => checkChosenTarget({ status: 'break', reason: 'paperwork' as never })).toThrow(
      /Unknown break reason/,
    );
  });

  it('refuses states only the system may enter', () => {
    for (const status of ['offline', 'ringing', 'in_call', 'after_call_work'] as const) {
      expect(() => checkChosenTarget({ status } as AgentState)).toThrow(/cannot be chosen by hand/);
    }
  });

  it('rebuilds every persisted state and refuses corrupt rows', () => {
    for (const status of agentStatuses) {
      if (status === 'not_ready')
        for (const r of notReadyReasons)
          expect(agentStateFromRow(status, r)).toEqual({ status, reason: r });
      else if (status === 'break')
        for (const r of breakReasons)
          expect(agentStateFromRow(status, r)).toEqual({ status, reason: r });
      else expect(agentStateFromRow(status, null)).toEqual({ status });
    }
    expect(() => agentStateFromRow('ready', 'meal')).toThrow(/Corrupt/);
    expect(() => agentStateFromRow('break', null)).toThrow(/Corrupt/);
    expect(() => agentStateFromRow('dancing', null)).toThrow(/Corrupt/);
  });
});

describe('the pick for after the call (本通话后)', () => {
  const meal: AgentState = { status: 'break', reason: 'meal' };
  it('is taken only while a call rings, is talked or wrapped up, and only as a state one may pick', () => {
    for (const from of states) {
      const during = ['ringing', 'in_call', 'after_call_work'].includes(from.status);
      if (during) {
        expect(checkAfterCallChoice(from, meal)).toEqual(meal);
        expect(checkAfterCallChoice(from, { status: 'offline' })).toEqual({ status: 'offline' });
        expect(() =>
          checkAfterCallChoice(from, { status: 'not_ready', reason: 'missed_offer' }),
        ).toThrow(ContractError);
        expect(() => checkAfterCallChoice(from, { status: 'in_call' })).toThrow(ContractError);
      } else {
        expect(() => checkAfterCallChoice(from, meal), from.status).toThrow(ContractError);
      }
    }
  });

  it('replaces where the call flow would have ended, and nothing else', () => {
    const acw: AgentState = { status: 'after_call_work' };
    const done: AgentCommand = { kind: 'after_call_work_done', next: { status: 'ready' } };
    expect(settleAfterCall(acw, done, meal)).toEqual(meal);
    expect(settleAfterCall(acw, done, null)).toEqual({ status: 'ready' });
    expect(settleAfterCall(acw, done, { status: 'offline' })).toEqual({ status: 'offline' });
    expect(settleAfterCall({ status: 'ringing' }, { kind: 'offer_ended' }, meal)).toEqual(meal);
    // A missed call still needs acknowledging when the pick was 示闲; another pick stands.
    expect(
      settleAfterCall({ status: 'ringing' }, { kind: 'offer_missed' }, { status: 'ready' }),
    ).toEqual({
      status: 'not_ready',
      reason: 'missed_offer',
    });
    expect(settleAfterCall({ status: 'ringing' }, { kind: 'offer_missed' }, meal)).toEqual(meal);
    // Answering, ending the talk: the pick waits.
    expect(settleAfterCall({ status: 'ringing' }, { kind: 'answer' }, meal)).toEqual({
      status: 'in_call',
    });
    expect(settleAfterCall({ status: 'in_call' }, { kind: 'call_ended' }, meal)).toEqual(acw);
    expect(endsCallFlow({ kind: 'call_ended' })).toBe(false);
    // An illegal command stays illegal, pick or not.
    expect(() => settleAfterCall({ status: 'ready' }, done, meal)).toThrow(ContractError);
  });
});
