import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '@shared/contract';
import { AuditRepo } from '../../../../electron/core/platform/audit-repo';
import { createDesk } from '../../../../electron/core/desk';
import type { TestDesk } from '../../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { allowReadyWithoutPhone } from '../../../helpers/phone-policy';

/**
 * "After this call" (本通话后, issue 12): a state picked while a call rings, is talked or wrapped up
 * waits for the call and its after-call work, kept on the shift row, shown in the session,
 * cancellable; sign-out picked during a call waits too.
 */
describe('DeskSessionService: the pick for after the call', () => {
  let desk: TestDesk;
  let events: (Session | null)[];
  const state = () => desk.session.current()?.state;
  const shiftRow = () =>
    desk.db.raw
      .prepare('SELECT after_call_status, after_call_reason, after_call_at, ended_at FROM shifts')
      .get() as Record<string, unknown>;
  const snapshot = () =>
    JSON.stringify(
      ['shifts', 'agent_state_log', 'audit_log'].map((t) =>
        desk.db.raw.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
      ),
    );
  const dispatch = (name: string, args: unknown) =>
    desk.dispatcher.dispatch(name as 'agent.setState', args as never);

  beforeEach(async () => {
    desk = createTestDesk();
    allowReadyWithoutPhone(desk);
    await desk.session.signIn('1001', TEST_PASSWORD);
    // A second between steps: the log is ordered by time.
    for (const step of [
      () => desk.session.chooseState({ status: 'ready' }),
      () => desk.session.apply({ kind: 'offer' }),
      () => desk.session.apply({ kind: 'answer' }),
    ]) {
      desk.clock.advance(1000);
      step();
    }
    events = [];
    desk.subscribe((event, payload) => {
      if (event === 'session.changed') events.push(payload as Session | null);
    });
  });
  afterEach(() => desk.cleanup());

  it('keeps 小休 chosen during a call, through ACW, and applies it when ACW ends', async () => {
    desk.clock.advance(1000);
    const out = await dispatch('agent.setState', {
      target: { status: 'break', reason: 'meal' },
    });
    expect(out).toMatchObject({
      ok: true,
      value: { state: { status: 'in_call' }, afterCall: { status: 'break', reason: 'meal' } },
    });
    expect(events.at(-1)?.afterCall).toEqual({ status: 'break', reason: 'meal' });
    expect(shiftRow()).toMatchObject({
      after_call_status: 'break',
      after_call_reason: 'meal',
      after_call_at: desk.clock.now(),
    });
    desk.clock.advance(1000);
    desk.session.apply({ kind: 'call_ended' });
    expect(desk.session.current()?.afterCall).toEqual({ status: 'break', reason: 'meal' });
    desk.clock.advance(1000);
    // The ACW's own next (示闲) gives way to the agent's pick.
    desk.session.apply({ kind: 'after_call_work_done', next: { status: 'ready' } });
    expect(state()).toEqual({ status: 'break', reason: 'meal' });
    expect(desk.session.current()).not.toHaveProperty('afterCall');
    expect(shiftRow()).toMatchObject({ after_call_status: null, after_call_reason: null });
    expect(desk.session.stateLog(10).map((e) => e.state.status)).toEqual([
      'break',
      'after_call_work',
      'in_call',
      'ringing',
      'ready',
      'not_ready',
    ]);
  });

  it('a later pick replaces an earlier one; cancelling goes back to the ACW’s own next state', async () => {
    desk.session.chooseState({ status: 'break', reason: 'meal' });
    desk.session.chooseState({ status: 'not_ready', reason: 'paperwork' });
    expect(desk.session.afterCall()).toEqual({ status: 'not_ready', reason: 'paperwork' });
    expect(await dispatch('agent.cancelAfterCall', {})).toMatchObject({
      ok: true,
      value: { state: { status: 'in_call' } },
    });
    expect(desk.session.current()).not.toHaveProperty('afterCall');
    expect(events.at(-1)).not.toHaveProperty('afterCall');
    expect(shiftRow()).toMatchObject({ after_call_status: null, after_call_at: null });
    // Cancelling with nothing picked changes nothing.
    const before = snapshot();
    expect(await dispatch('agent.cancelAfterCall', {})).toMatchObject({ ok: true });
    expect(snapshot()).toBe(before);
    desk.session.apply({ kind: 'call_ended' });
    desk.session.apply({ kind: 'after_call_work_done', next: { status: 'ready' } });
    expect(state()).toEqual({ status: 'ready' });
  });

  it('a pick made while it rings applies when the caller gives up; a 示闲 pick does not acknowledge a missed call', () => {
    desk.session.apply({ kind: 'call_ended' });
    desk.session.apply({ kind: 'after_call_work_done', next: { status: 'ready' } });
    desk.session.apply({ kind: 'offer' });
    desk.session.chooseState({ status: 'break', reason: 'restroom' });
    desk.session.apply({ kind: 'offer_ended' });
    expect(state()).toEqual({ status: 'break', reason: 'restroom' });

    desk.session.chooseState({ status: 'ready' });
    desk.session.apply({ kind: 'offer' });
    desk.session.chooseState({ status: 'ready' });
    desk.session.apply({ kind: 'offer_missed' });
    expect(state()).toEqual({ status: 'not_ready', reason: 'missed_offer' });
    expect(desk.session.afterCall()).toBeNull();

    desk.session.chooseState({ status: 'ready' });
    desk.session.apply({ kind: 'offer' });
    desk.session.chooseState({ status: 'not_ready', reason: 'coaching' });
    desk.session.apply({ kind: 'offer_missed' });
    expect(state()).toEqual({ status: 'not_ready', reason: 'coaching' });
  });

  it('sign-out during a call waits for the call and its ACW, and then closes the shift', async () => {
    expect(await dispatch('auth.signOut', {})).toMatchObject({
      ok: true,
      value: { state: { status: 'in_call' }, afterCall: { status: 'offline' } },
    });
    expect(shiftRow()).toMatchObject({ after_call_status: 'offline', ended_at: null });
    desk.session.apply({ kind: 'call_ended' });
    expect(state()).toEqual({ status: 'after_call_work' });
    desk.clock.advance(5000);
    desk.session.apply({ kind: 'after_call_work_done', next: { status: 'ready' } });
    expect(desk.session.current()).toBeNull();
    expect(events.at(-1)).toBeNull();
    expect(shiftRow()).toMatchObject({ ended_at: desk.clock.now(), after_call_status: null });
    const audit = new AuditRepo(desk.db).recent(100);
    expect(audit.find((e) => e.action === 'sign_out')).toMatchObject({
      action: 'sign_out',
      detail: { afterCall: true },
    });
    // The log's last entry is 离线, straight from 话后整理 (never a moment of 示闲).
    const last = desk.db.raw
      .prepare('SELECT status FROM agent_state_log ORDER BY started_at DESC, rowid DESC LIMIT 2')
      .all() as { status: string }[];
    expect(last.map((r) => r.status)).toEqual(['offline', 'after_call_work']);
  });

  it('sign-out when no call is under way is immediate, as before', async () => {
    desk.session.apply({ kind: 'call_ended' });
    desk.session.apply({ kind: 'after_call_work_done', next: { status: 'ready' } });
    expect(await dispatch('auth.signOut', {})).toEqual({ ok: true, value: null });
    expect(desk.session.current()).toBeNull();
  });

  it('refuses bad picks with a clear code and changes nothing', async () => {
    const before = snapshot();
    const bad: [unknown, string][] = [
      [{ target: { status: 'break', reason: 'nap' } }, 'BAD_ARGUMENT'],
      [{ target: { status: 'break' } }, 'BAD_ARGUMENT'],
      [{ target: { status: 'not_ready', reason: 'x'.repeat(10_000) } }, 'BAD_ARGUMENT'],
      // The system's own reasons and states cannot be picked.
      [{ target: { status: 'not_ready', reason: 'missed_offer' } }, 'BAD_ARGUMENT'],
      [{ target: { status: 'not_ready', reason: 'login' } }, 'BAD_ARGUMENT'],
      [{ target: { status: 'offline' } }, 'ILLEGAL_TRANSITION'],
      [{ target: { status: 'after_call_work' } }, 'ILLEGAL_TRANSITION'],
    ];
    for (const [args, code] of bad) {
      const out = await dispatch('agent.setState', args);
      expect(out, JSON.stringify(args).slice(0, 80)).toMatchObject({ ok: false, error: { code } });
    }
    for (const args of [{ now: true }, 'x', [], 5]) {
      const out = await dispatch('agent.cancelAfterCall', args);
      expect(out).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    }
    expect(snapshot()).toBe(before);
    expect(desk.session.afterCall()).toBeNull();
    expect(events).toEqual([]);
  });

  it('refuses a pick for after the call outside a call (it is an ordinary choice there)', () => {
    desk.session.apply({ kind: 'call_ended' });
    desk.session.apply({ kind: 'after_call_work_done', next: { status: 'ready' } });
    expect(() => desk.session.chooseAfterCall({ status: 'break', reason: 'meal' })).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }) as Error,
    );
    expect(desk.session.chooseState({ status: 'break', reason: 'meal' }).state).toEqual({
      status: 'break',
      reason: 'meal',
    });
  });

  it('a pick left on a shift a killed desk never finished is closed with it, and audited', () => {
    desk.session.chooseState({ status: 'break', reason: 'meeting' });
    const dataDir = desk.dataDir;
    // Another desk over the same file: the first "died" mid-call.
    const again = createDesk({
      dataDir,
      host: 'web',
      appVersion: '0.0.0-test',
      clock: desk.clock,
      logger: desk.logger,
    });
    try {
      expect(again.session.current()).toBeNull();
      const row = again.db.raw
        .prepare('SELECT end_reason, after_call_status FROM shifts')
        .get() as Record<string, unknown>;
      expect(row).toEqual({ end_reason: 'recovered_after_restart', after_call_status: null });
      const recovered = new AuditRepo(again.db)
        .recent(10)
        .find((e) => e.action === 'shift_recovered');
      expect(recovered).toMatchObject({
        detail: { droppedAfterCall: { status: 'break', reason: 'meeting' } },
      });
    } finally {
      again.dispose();
    }
  });
});
