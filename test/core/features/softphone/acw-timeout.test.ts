import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AfterCallWork } from '../../../../electron/core/features/softphone/calls/acw';
import { CallsRepo } from '../../../../electron/core/features/softphone/calls-repo';
import { SettingsRepo } from '../../../../electron/core/platform/settings-repo';
import type { TestDesk } from '../../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { allowReadyWithoutPhone } from '../../../helpers/phone-policy';

/**
 * After-call work that runs out files the lead's default call type on its own: the record says
 * so (自动归类, migration 0010), unlike one the agent submitted; and either way the agent lands in
 * their pick for after the call when they made one.
 */
describe('after-call work: auto-classified records and the pick for after the call', () => {
  let desk: TestDesk;
  let calls: CallsRepo;
  let acw: AfterCallWork;
  let n = 0;

  async function callInAcw(): Promise<string> {
    const s = desk.session.current() ?? (await desk.session.signIn('1001', TEST_PASSWORD));
    const id = `call-${++n}`;
    calls.insert({
      id,
      sip_call_id: `${id}@pbx`,
      agent_id: s.agent.id,
      shift_id: s.shift.id,
      direction: 'inbound',
      remote_number: '13812345678',
      remote_number_raw: null,
      remote_name: null,
      customer_id: null,
      offered_at: desk.clock.now(),
    });
    desk.session.chooseState({ status: 'ready' });
    desk.session.apply({ kind: 'offer' });
    desk.session.apply({ kind: 'answer' });
    calls.answered(id, desk.clock.now());
    desk.clock.advance(60_000);
    calls.ended(id, desk.clock.now(), 'remote_hangup', 'remote');
    desk.session.apply({ kind: 'call_ended' });
    acw.start(id, { status: 'ready' }, desk.clock.now());
    return id;
  }

  const setPolicy = (mode: 'timed' | 'none') =>
    new SettingsRepo(desk.db).set(
      'acw.policy',
      JSON.stringify({
        mode,
        seconds: 20,
        maxExtensions: 1,
        extendSeconds: 10,
        defaultDisposition: 'other',
      }),
      0,
    );

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    desk = createTestDesk();
    allowReadyWithoutPhone(desk);
    calls = new CallsRepo(desk.db);
    acw = new AfterCallWork(
      {
        clock: desk.clock,
        logger: desk.logger,
        session: desk.session,
        calls,
        settings: new SettingsRepo(desk.db),
        transaction: (fn) => desk.db.transaction(fn),
        newId: () => crypto.randomUUID(),
      },
      () => desk.calls.view(),
    );
    setPolicy('timed');
  });
  afterEach(() => {
    acw.dispose();
    desk.cleanup();
    vi.useRealTimers();
  });

  it('timed ACW that runs out files the default as auto-classified and applies the agent’s pick', async () => {
    const id = await callInAcw();
    desk.session.chooseState({ status: 'break', reason: 'meal' });
    desk.clock.advance(19_000);
    vi.advanceTimersByTime(19_000);
    expect(calls.get(id)).toMatchObject({ acwEndedAt: null, autoClassified: false });
    desk.clock.advance(1000);
    vi.advanceTimersByTime(1000);
    expect(calls.get(id)).toMatchObject({
      disposition: 'other',
      autoClassified: true,
      acwEndedAt: desk.clock.now(),
    });
    expect(desk.session.current()?.state).toEqual({ status: 'break', reason: 'meal' });
    expect(desk.session.afterCall()).toBeNull();
    expect(calls.history(desk.session.current()!.agent.id, 5)[0]).toMatchObject({
      id,
      autoClassified: true,
    });
  });

  it('an extension moves the deadline; a record the agent submits is theirs, not auto-classified', async () => {
    const id = await callInAcw();
    desk.clock.advance(15_000);
    vi.advanceTimersByTime(15_000);
    acw.extend();
    desk.clock.advance(10_000);
    vi.advanceTimersByTime(10_000);
    expect(calls.get(id)?.acwEndedAt).toBeNull();
    acw.complete('tracking', '已告知派送时间', { status: 'ready' });
    expect(calls.get(id)).toMatchObject({ disposition: 'tracking', autoClassified: false });
    expect(desk.session.current()?.state).toEqual({ status: 'ready' });
    vi.advanceTimersByTime(60_000);
    expect(calls.get(id)).toMatchObject({ disposition: 'tracking', autoClassified: false });
  });

  it('with no ACW (the lead’s policy none) the default is filed at once, as auto-classified', async () => {
    setPolicy('none');
    const id = await callInAcw();
    expect(calls.get(id)).toMatchObject({ disposition: 'other', autoClassified: true });
    expect(desk.session.current()?.state).toEqual({ status: 'ready' });
  });

  it('sign-out picked during the call happens when ACW runs out, with the record filed first', async () => {
    const id = await callInAcw();
    expect(desk.session.signOutOrAfterCall()).toMatchObject({ afterCall: { status: 'offline' } });
    desk.clock.advance(20_000);
    vi.advanceTimersByTime(20_000);
    expect(desk.session.current()).toBeNull();
    expect(calls.get(id)).toMatchObject({ disposition: 'other', autoClassified: true });
    expect(desk.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});
