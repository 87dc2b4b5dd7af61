import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsRepo } from '../../electron/core/platform/settings-repo';
import { refusesAll as refusesAllUnchanged, settled, tableRows } from '../helpers/refusals';
import type { TestDesk } from '../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../helpers/desk';
import { fakeInvitation } from '../helpers/fake-invitation';
import { allowReadyWithoutPhone } from '../helpers/phone-policy';

/**
 * The requests and arguments dead-call handling added (ADR 0012) — `call.keep`, and the inbound
 * RTP stats on `media.heartbeat` — with arguments of the wrong shape, sent through the dispatcher
 * while a connected call is flagged silent, i.e. where a well-formed request would change
 * something (a keep clears the warning, stats with new packets clear it too): each is refused
 * with BAD_ARGUMENT before any handler runs, so no event goes out and the view, the records, the
 * settings and the agent's state are as they were.
 */
describe('dead-call requests with bad arguments', () => {
  let desk: TestDesk;
  let owner: string;
  let callId: string;
  const events: string[] = [];

  const ok = async (name: string, args: unknown) => {
    const out = await desk.dispatcher.dispatch(name, args);
    if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
    return out.value;
  };
  const everything = () => ({
    view: desk.calls.view(),
    session: desk.session.current(),
    tables: tableRows(desk, [
      'calls',
      'call_hold_segments',
      'settings',
      'agent_state_log',
      'audit_log',
    ]),
  });

  beforeEach(async () => {
    desk = createTestDesk();
    allowReadyWithoutPhone(desk);
    new SettingsRepo(desk.db).set(
      'softphone.callWatch',
      JSON.stringify({ silenceSeconds: 5, silenceGraceSeconds: 60 }),
      0,
    );
    desk.subscribe((event) => events.push(event));
    await ok('auth.signIn', { employeeNo: '1001', password: TEST_PASSWORD });
    await ok('agent.setState', { target: { status: 'ready' } });
    ({ owner } = (await ok('media.attach', {})) as { owner: string });
    // A connected call whose media side reports no inbound packets for longer than the timeout.
    desk.calls.onInvite(fakeInvitation({ number: '13800138000' }).invitation);
    callId = desk.calls.view().call!.id;
    await settled();
    await ok('call.answer', { callId });
    await ok('media.heartbeat', { owner, inbound: [{ callId, packets: 0 }] });
    desk.clock.advance(6000);
    await ok('media.heartbeat', { owner, inbound: [{ callId, packets: 0, level: 0 }] });
    expect(desk.calls.view().call).toMatchObject({
      phase: 'active',
      silence: { endsAt: desk.clock.now() + 60_000 },
    });
  });
  afterEach(() => {
    desk.cleanup();
    events.length = 0;
  });

  async function refusesAll(name: string, shapes: unknown[]) {
    await refusesAllUnchanged({ desk, events, everything }, name, shapes);
    // Still silent, still the same owner: a well-formed keep goes through and changes the view.
    expect(await desk.dispatcher.dispatch('media.heartbeat', { owner })).toEqual({
      ok: true,
      value: null,
    });
    await ok('call.keep', { callId });
    expect(desk.calls.view().call).toMatchObject({ phase: 'active', silence: null });
  }

  const long = 'x'.repeat(65);

  it('call.keep', async () => {
    await refusesAll('call.keep', [
      {},
      { callId: '' },
      { callId: long },
      { callId: 7 },
      { callId: null },
      { callId: [callId] },
      { callId, extra: 1 },
      { callId, seconds: 60 },
      callId,
      [callId],
      null,
    ]);
  });

  it('media.heartbeat with inbound stats', async () => {
    // Each of these, if it got through, would report new packets and clear the warning.
    const stats = { callId, packets: 50 };
    await refusesAll('media.heartbeat', [
      { owner, inbound: stats },
      { owner, inbound: null },
      { owner, inbound: 'lots' },
      { owner, inbound: [stats, stats, stats, stats, stats] },
      { owner, inbound: [{ ...stats, packets: -1 }] },
      { owner, inbound: [{ ...stats, packets: 1.5 }] },
      { owner, inbound: [{ ...stats, packets: '50' }] },
      { owner, inbound: [{ ...stats, packets: Number.NaN }] },
      { owner, inbound: [{ ...stats, packets: Number.MAX_SAFE_INTEGER + 2 }] },
      { owner, inbound: [{ ...stats, level: 1.5 }] },
      { owner, inbound: [{ ...stats, level: -0.1 }] },
      { owner, inbound: [{ ...stats, level: '0.5' }] },
      { owner, inbound: [{ callId, level: 0.5 }] },
      { owner, inbound: [{ packets: 50 }] },
      { owner, inbound: [{ ...stats, callId: '' }] },
      { owner, inbound: [{ ...stats, callId: long }] },
      { owner, inbound: [{ ...stats, jitter: 0.01 }] },
      { owner: long, inbound: [stats] },
      { inbound: [stats] },
    ]);
  });
});
