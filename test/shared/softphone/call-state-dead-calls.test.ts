import { describe, expect, it } from 'vitest';
import type { CallEvent, CallState } from '@shared/softphone/call-state';
import { inboundOffer, nextCallState } from '@shared/softphone/call-state';
import { ContractError } from '@shared/common/errors';

/** The call machine's side of dead calls and the customer's hold (ADR 0012). */
const run = (state: CallState, ...types: CallEvent['type'][]) =>
  types.reduce((s, type) => nextCallState(s, { type } as CallEvent), state);
const refused = (state: CallState, type: CallEvent['type']) => {
  try {
    nextCallState(state, { type } as CallEvent);
  } catch (err) {
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('ILLEGAL_TRANSITION');
    return true;
  }
  return false;
};

const talking = run(inboundOffer(), 'answer');

describe('call control: the customer’s hold', () => {
  it('is its own flag: the agent’s hold stays as it is, and both can hold at once', () => {
    const held = run(talking, 'remote_hold');
    expect(held).toMatchObject({ phase: 'active', hold: 'none', remoteHold: true });
    // The agent can still hold (and resume) while the customer holds.
    expect(run(held, 'hold', 'hold_ok')).toMatchObject({ hold: 'held', remoteHold: true });
    expect(run(held, 'hold', 'hold_ok', 'remote_resume')).toMatchObject({
      hold: 'held',
      remoteHold: false,
    });
    expect(run(held, 'remote_resume')).toMatchObject({ hold: 'none', remoteHold: false });
  });
  it('comes only with a connected call', () => {
    expect(refused(inboundOffer(), 'remote_hold')).toBe(true);
  });
});

describe('call control: silence', () => {
  it('flags a silent call; the agent keeps it or the grace ends it as media_timeout', () => {
    const silent = run(talking, 'silence');
    expect(silent).toMatchObject({ phase: 'active', silent: true });
    expect(run(silent, 'keep')).toMatchObject({ phase: 'active', silent: false });
    expect(run(silent, 'media_back')).toMatchObject({ phase: 'active', silent: false });
    expect(run(silent, 'media_timeout')).toEqual({
      phase: 'ended',
      direction: 'inbound',
      cause: 'media_timeout',
      by: 'system',
    });
  });
  it('never flags a call while either side holds or the network is down', () => {
    for (const state of [
      run(talking, 'hold'),
      run(talking, 'hold', 'hold_ok'),
      run(talking, 'hold', 'hold_ok', 'resume'),
      run(talking, 'remote_hold'),
      run(talking, 'transport_lost'),
    ])
      expect(refused(state, 'silence')).toBe(true);
    // A failed hold is no hold: the customer can hear the agent, so silence counts.
    expect(run(talking, 'hold', 'hold_failed', 'silence')).toMatchObject({ silent: true });
  });
  it('a hold, the customer’s hold or a drop clears the flag; the end then no longer applies', () => {
    for (const type of ['hold', 'remote_hold', 'transport_lost'] as const) {
      const after = run(talking, 'silence', type);
      expect(after).toMatchObject({ phase: 'active', silent: false });
      expect(refused(after, 'media_timeout')).toBe(true);
    }
  });
  it('refuses a keep (or an end for silence) when the call is not flagged', () => {
    expect(refused(talking, 'keep')).toBe(true);
    expect(refused(talking, 'media_timeout')).toBe(true);
    expect(refused(talking, 'media_back')).toBe(true);
    expect(refused(inboundOffer(), 'keep')).toBe(true);
  });
});

describe('call control: session expired', () => {
  it('ends a connected call, held or not, by the system', () => {
    for (const state of [talking, run(talking, 'hold', 'hold_ok'), run(talking, 'remote_hold')])
      expect(run(state, 'session_expired')).toMatchObject({
        phase: 'ended',
        cause: 'session_expired',
        by: 'system',
      });
    expect(refused(inboundOffer(), 'session_expired')).toBe(true);
  });
});
