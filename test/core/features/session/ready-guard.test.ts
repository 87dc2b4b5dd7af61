import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';
import type { Session } from '@shared/contract';
import type { TestDesk } from '../../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';

/**
 * The session's side of "no 示闲 without a working phone" (ADR 0011): a guard the softphone installs
 * is asked before any move into 示闲; an unavailable phone parks the agent in 示忙·系统故障 with the
 * wish to be 示闲 remembered, and the softphone returns them once it registers. Sign-in and sign-out
 * tell the softphone, and sign-out waits for it — briefly.
 */
describe('DeskSessionService: ready guard, parking, shift hooks', () => {
  let desk: TestDesk;
  let phone: 'ready' | 'unavailable';
  const status = () => desk.session.current()?.state;
  const log = () => desk.session.stateLog(20).map((e) => e.state);

  beforeEach(async () => {
    desk = createTestDesk();
    phone = 'ready';
    desk.session.setReadyGuard(() => phone);
    await desk.session.signIn('1001', TEST_PASSWORD);
  });
  afterEach(() => desk.cleanup());

  it('parks a 示闲 wish while the phone is unavailable and returns it when the softphone says so', () => {
    phone = 'unavailable';
    desk.clock.advance(1000);
    expect(desk.session.chooseState({ status: 'ready' }).state).toEqual({
      status: 'not_ready',
      reason: 'system_issue',
    });
    // Asking again changes nothing and says why.
    const e = (() => {
      try {
        desk.session.chooseState({ status: 'ready' });
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(ContractError);
    expect((e as ContractError).code).toBe('PHONE_NOT_REGISTERED');
    phone = 'ready';
    desk.clock.advance(1000);
    desk.session.returnFromPark();
    expect(status()).toEqual({ status: 'ready' });
    // Once returned, nothing is parked any more.
    desk.session.returnFromPark();
    expect(log()).toEqual([
      { status: 'ready' },
      { status: 'not_ready', reason: 'system_issue' },
      { status: 'not_ready', reason: 'login' },
    ]);
  });

  it('a later choice of the agent’s own cancels the parked wish', () => {
    phone = 'unavailable';
    desk.session.chooseState({ status: 'ready' });
    desk.session.chooseState({ status: 'break', reason: 'meal' });
    desk.session.chooseState({ status: 'not_ready', reason: 'system_issue' });
    phone = 'ready';
    desk.session.returnFromPark();
    expect(status()).toEqual({ status: 'not_ready', reason: 'system_issue' });
  });

  it('parks a 示闲 agent when the phone goes (only a 示闲 one), for the softphone to return', () => {
    expect(desk.session.parkWhilePhoneDown()).toBe(false);
    desk.session.chooseState({ status: 'ready' });
    expect(desk.session.parkWhilePhoneDown()).toBe(true);
    expect(status()).toEqual({ status: 'not_ready', reason: 'system_issue' });
    expect(desk.session.parkWhilePhoneDown()).toBe(false);
    desk.session.returnFromPark();
    expect(status()).toEqual({ status: 'ready' });
  });

  it('after-call work that ends into 示闲 while the phone is unavailable ends in 示忙·系统故障 instead', () => {
    desk.session.chooseState({ status: 'ready' });
    desk.session.apply({ kind: 'offer' });
    desk.session.apply({ kind: 'answer' });
    desk.session.apply({ kind: 'call_ended' });
    phone = 'unavailable';
    desk.session.apply({ kind: 'after_call_work_done', next: { status: 'ready' } });
    expect(status()).toEqual({ status: 'not_ready', reason: 'system_issue' });
    phone = 'ready';
    desk.session.returnFromPark();
    expect(status()).toEqual({ status: 'ready' });
  });

  it('a guard that refuses leaves the state and the log as they were', () => {
    desk.session.setReadyGuard(() => {
      throw new ContractError('NO_SIP_ACCOUNT', 'no account');
    });
    const before = log();
    expect(() => desk.session.chooseState({ status: 'ready' })).toThrow(/no account/);
    expect(status()).toEqual({ status: 'not_ready', reason: 'login' });
    expect(log()).toEqual(before);
  });

  it('tells the shift hooks of sign-in and sign-out; the handler waits for sign-out’s, but not forever', async () => {
    const seen: string[] = [];
    let finish: () => void = () => undefined;
    desk.session.onShift({
      signedIn: (s: Session) => seen.push(`in ${s.agent.employeeNo}`),
      signedOut: (s: Session) =>
        new Promise<void>((r) => {
          seen.push(`out ${s.agent.employeeNo}`);
          finish = () => {
            seen.push('unregistered');
            r();
          };
        }),
    });
    setTimeout(() => finish(), 100);
    expect(await desk.dispatcher.dispatch('auth.signOut', {})).toEqual({ ok: true, value: null });
    expect(seen).toEqual(['out 1001', 'unregistered']);
    await desk.session.signIn('1001', TEST_PASSWORD);
    expect(seen.at(-1)).toBe('in 1001');
    // A hook that never finishes does not hold the sign-out.
    desk.session.onShift({ signedOut: () => new Promise<void>(() => undefined) });
    const t = Date.now();
    setTimeout(() => finish(), 50);
    expect(await desk.dispatcher.dispatch('auth.signOut', {})).toEqual({ ok: true, value: null });
    expect(Date.now() - t).toBeLessThan(3500);
    expect(desk.session.current()).toBeNull();
  });
});
