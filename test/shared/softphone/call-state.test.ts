import { describe, expect, it } from 'vitest';
import type { CallEvent, CallState } from '@shared/softphone/call-state';
import { inboundOffer, nextCallState, outboundDial } from '@shared/softphone/call-state';
import { ContractError } from '@shared/common/errors';

const run = (state: CallState, ...events: CallEvent[]) => events.reduce(nextCallState, state);
const e = (type: CallEvent['type'], target?: string) =>
  (target === undefined ? { type } : { type, target }) as CallEvent;
const refused = (state: CallState, event: CallEvent) => {
  try {
    nextCallState(state, event);
  } catch (err) {
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('ILLEGAL_TRANSITION');
    return true;
  }
  return false;
};

const talking = run(inboundOffer(), e('answer'));
const held = run(talking, e('hold'), e('hold_ok'));
const consulting = run(held, e('consult_start', '8002'), e('consult_answered'));

describe('call control: inbound offer', () => {
  it.each([
    ['answer', { phase: 'active', hold: 'none', muted: false, reconnecting: false }],
    ['reject', { phase: 'ended', cause: 'rejected', by: 'agent' }],
    ['ring_timeout', { phase: 'ended', cause: 'ring_timeout', by: 'system' }],
    ['remote_cancel', { phase: 'ended', cause: 'remote_cancel', by: 'remote' }],
    ['transport_lost', { phase: 'ended', cause: 'transport_lost', by: 'system' }],
  ] as const)('%s', (type, want) => {
    expect(nextCallState(inboundOffer(), e(type))).toMatchObject(want);
  });
  it('refuses in-call commands before answer', () => {
    for (const t of ['hold', 'mute', 'hangup', 'remote_answer', 'blind_transfer'] as const)
      expect(refused(inboundOffer(), e(t, '8001'))).toBe(true);
  });
});

describe('call control: outbound dial', () => {
  it('rings, is answered, or fails', () => {
    expect(run(outboundDial(), e('remote_ringing'))).toMatchObject({
      phase: 'dialing',
      remoteRinging: true,
    });
    expect(run(outboundDial(), e('remote_ringing'), e('remote_answer'))).toMatchObject({
      phase: 'active',
      direction: 'outbound',
    });
    expect(run(outboundDial(), e('remote_busy'))).toMatchObject({
      phase: 'ended',
      cause: 'remote_busy',
    });
    expect(run(outboundDial(), e('remote_failed'))).toMatchObject({
      phase: 'ended',
      cause: 'remote_failed',
    });
    expect(run(outboundDial(), e('hangup'))).toMatchObject({
      phase: 'ended',
      cause: 'agent_hangup',
      by: 'agent',
    });
    expect(refused(outboundDial(), e('answer'))).toBe(true);
  });
});

describe('call control: hold shows only once confirmed', () => {
  it('holds after the re-INVITE is confirmed and resumes the same way', () => {
    expect(run(talking, e('hold'))).toMatchObject({ hold: 'holding' });
    expect(held).toMatchObject({ hold: 'held' });
    expect(run(held, e('resume'))).toMatchObject({ hold: 'resuming' });
    expect(run(held, e('resume'), e('resume_ok'))).toMatchObject({ hold: 'none' });
  });
  it('a failed hold is visible as NOT on hold and can be retried', () => {
    const failed = run(talking, e('hold'), e('hold_failed'));
    expect(failed).toMatchObject({ hold: 'hold_failed' });
    expect(run(failed, e('hold'), e('hold_ok'))).toMatchObject({ hold: 'held' });
  });
  it('a failed resume leaves the customer held', () => {
    expect(run(held, e('resume'), e('resume_failed'))).toMatchObject({ hold: 'held' });
  });
  it('refuses a second hold, a resume when not held, and late confirmations', () => {
    expect(refused(run(talking, e('hold')), e('hold'))).toBe(true);
    expect(refused(held, e('hold'))).toBe(true);
    expect(refused(talking, e('resume'))).toBe(true);
    expect(refused(talking, e('hold_ok'))).toBe(true);
    expect(refused(talking, e('resume_ok'))).toBe(true);
  });
  it('mute works in every live state, including on hold and while reconnecting', () => {
    for (const s of [
      talking,
      run(talking, e('hold')),
      held,
      run(talking, e('hold'), e('hold_failed')),
      consulting,
      run(talking, e('transport_lost')),
    ]) {
      expect(run(s, e('mute'))).toMatchObject({ muted: true });
      expect(run(s, e('mute'), e('unmute'))).toMatchObject({ muted: false });
    }
  });
  it('the customer hanging up during hold ends the call as a remote hang-up', () => {
    expect(run(held, e('remote_bye'))).toMatchObject({
      phase: 'ended',
      cause: 'remote_hangup',
      by: 'remote',
    });
  });
});

describe('call control: blind transfer', () => {
  it('REFER → 202 → NOTIFY 200 ends the call as transferred', () => {
    const s = run(talking, e('blind_transfer', '8001'));
    expect(s).toMatchObject({ transfer: { kind: 'blind', target: '8001', phase: 'refer_sent' } });
    expect(run(s, e('refer_accepted'), e('notify_success'))).toMatchObject({
      phase: 'ended',
      cause: 'transferred',
    });
  });
  it('a rejected REFER keeps the customer', () => {
    expect(run(talking, e('blind_transfer', '8001'), e('refer_rejected'))).toMatchObject({
      phase: 'active',
      transfer: { kind: 'none' },
    });
    expect(
      run(talking, e('blind_transfer', '8001'), e('refer_accepted'), e('refer_rejected')),
    ).toMatchObject({ phase: 'active', transfer: { kind: 'none' } });
  });
  it('refuses an empty target and a second transfer', () => {
    expect(refused(talking, e('blind_transfer', ''))).toBe(true);
    expect(refused(run(talking, e('blind_transfer', '8001')), e('blind_transfer', '8002'))).toBe(
      true,
    );
    expect(refused(talking, e('notify_success'))).toBe(true);
  });
});

describe('call control: consult transfer', () => {
  it('needs the customer held first, then dials, talks, swaps, completes', () => {
    expect(refused(talking, e('consult_start', '8002'))).toBe(true);
    expect(run(held, e('consult_start', '8002'))).toMatchObject({
      transfer: { kind: 'consult', phase: 'dialing' },
    });
    expect(consulting).toMatchObject({ transfer: { phase: 'talking', talkingTo: 'target' } });
    expect(run(consulting, e('consult_swap'))).toMatchObject({
      transfer: { talkingTo: 'customer' },
    });
    expect(run(consulting, e('consult_complete'), e('notify_success'))).toMatchObject({
      phase: 'ended',
      cause: 'transferred',
    });
  });
  it('cancel is always available while consulting, and returns to the held customer', () => {
    for (const s of [
      run(held, e('consult_start', '8002')),
      consulting,
      run(consulting, e('consult_swap')),
      run(consulting, e('consult_complete')),
    ]) {
      expect(run(s, e('consult_cancel'))).toMatchObject({
        phase: 'active',
        hold: 'held',
        transfer: { kind: 'none' },
      });
    }
  });
  it('a failed consult call or a rejected completion keeps the customer', () => {
    expect(run(held, e('consult_start', '8002'), e('consult_failed'))).toMatchObject({
      hold: 'held',
      transfer: { kind: 'none' },
    });
    expect(run(consulting, e('consult_complete'), e('refer_rejected'))).toMatchObject({
      transfer: { kind: 'consult', phase: 'talking' },
    });
  });
  it('the customer cannot be resumed from under a consult call', () => {
    expect(refused(consulting, e('resume'))).toBe(true);
  });
});

describe('call control: transport loss and media loss', () => {
  it('a live call survives a transport drop and recovers after the re-INVITE', () => {
    const lost = run(talking, e('transport_lost'));
    expect(lost).toMatchObject({ phase: 'active', reconnecting: true });
    expect(refused(lost, e('hold'))).toBe(true); // no re-INVITE possible without a transport
    expect(run(lost, e('transport_restored_reinvite_ok'))).toMatchObject({ reconnecting: false });
    expect(run(held, e('transport_lost'), e('transport_restored_reinvite_ok'))).toMatchObject({
      hold: 'held',
    });
  });
  it('ends a call whose media side vanished (renderer crash)', () => {
    expect(run(talking, e('media_lost'))).toMatchObject({
      phase: 'ended',
      cause: 'media_lost',
      by: 'system',
    });
  });
});

describe('call control: an ended call', () => {
  it('refuses every event', () => {
    const over = run(talking, e('hangup'));
    expect(over).toMatchObject({ phase: 'ended', cause: 'agent_hangup', by: 'agent' });
    for (const t of ['answer', 'hangup', 'remote_bye', 'mute', 'hold', 'transport_lost'] as const)
      expect(refused(over, e(t))).toBe(true);
  });
});
