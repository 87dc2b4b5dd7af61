import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '@shared/contract';
import { createDispatcher } from '../../electron/core/contract-server';
import { MemoryLogger } from '../../electron/core/platform/ports';
import { refusesAll as refusesAllUnchanged, settled, tableRows } from '../helpers/refusals';
import type { TestDesk } from '../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../helpers/desk';
import { fakeInvitation } from '../helpers/fake-invitation';
import { allowReadyWithoutPhone } from '../helpers/phone-policy';

function snapshot(desk: TestDesk) {
  return JSON.stringify(
    ['agents', 'shifts', 'agent_state_log', 'audit_log'].map((t) =>
      desk.db.raw.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
    ),
  );
}

describe('contract dispatch (shared by IPC and the browser host)', () => {
  let desk: TestDesk;
  beforeEach(() => {
    desk = createTestDesk();
  });
  afterEach(() => desk.cleanup());

  it('runs a valid request and returns its result', async () => {
    const out = await desk.dispatcher.dispatch('auth.signIn', {
      employeeNo: '1001',
      password: TEST_PASSWORD,
    });
    expect(out).toMatchObject({ ok: true, value: { agent: { employeeNo: '1001' } } });
    const log = await desk.dispatcher.dispatch('agent.stateLog', {});
    expect(log).toMatchObject({
      ok: true,
      value: [{ state: { status: 'not_ready', reason: 'login' } }],
    });
  });

  it('refuses unknown requests and arguments of the wrong shape, and changes nothing', async () => {
    await desk.dispatcher.dispatch('auth.signIn', { employeeNo: '1001', password: TEST_PASSWORD });
    const before = snapshot(desk);
    const bad: [unknown, unknown][] = [
      ['auth.nuke', {}],
      ['constructor', {}],
      [{ name: 'x' }, {}],
      ['agent.setState', { target: { status: 'break' } }],
      ['agent.setState', { target: { status: 'ready' }, extra: '<script>alert(1)</script>' }],
      ['agent.setState', 'ready'],
      ['agent.setState', [1, 2, 3]],
      ['agent.stateLog', { limit: 1e9 }],
      ['auth.signIn', { employeeNo: "1001' OR 1=1 --", password: 'x' }],
      ['auth.signIn', { employeeNo: '1001', password: 'x'.repeat(10_000) }],
    ];
    for (const [name, args] of bad) {
      const out = await desk.dispatcher.dispatch(name, args);
      expect(out.ok, JSON.stringify([name, args])).toBe(false);
      if (!out.ok) {
        expect(['UNKNOWN_REQUEST', 'BAD_ARGUMENT']).toContain(out.error.code);
        expect(out.error.message.length).toBeGreaterThan(5);
      }
    }
    const missingReason = await desk.dispatcher.dispatch('agent.setState', {
      target: { status: 'break' },
    });
    expect(missingReason).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', issues: [{ path: 'target.reason' }] },
    });
    expect(snapshot(desk)).toBe(before);
  });

  it('hides unexpected failures behind INTERNAL and logs them', async () => {
    const logger = new MemoryLogger();
    const handlers = {
      ...desk.handlers,
      'desk.info': () => {
        throw new Error('disk on fire');
      },
      'auth.session': () => ({ nonsense: true }) as never,
    } satisfies Handlers;
    const dispatcher = createDispatcher(handlers, logger);
    expect(await dispatcher.dispatch('desk.info', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal error in desk.info' },
    });
    expect(await dispatcher.dispatch('auth.session', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(logger.entries.map((e) => e.message)).toEqual([
      'request failed',
      'handler result violates the contract',
    ]);
  });
});

/**
 * Every softphone request with arguments of the wrong shape, sent through the dispatcher while the
 * desk is in the state where a well-formed request would change something (a ringing call, a
 * connected one, after-call work): each is refused with BAD_ARGUMENT before any handler runs, so
 * no event goes out and the softphone view, the call records, the settings, the agent's state and
 * the media owner are all as they were.
 */
describe('softphone requests with bad arguments', () => {
  let desk: TestDesk;
  let owner: string;
  const events: string[] = [];

  const ok = async (name: string, args: unknown) => {
    const out = await desk.dispatcher.dispatch(name, args);
    if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
    return out.value;
  };
  /** Everything a softphone request could change, in one comparable value. */
  const everything = () => ({
    view: desk.calls.view(),
    history: desk.calls.history(200),
    session: desk.session.current(),
    health: desk.softphone.current(),
    tables: tableRows(desk, [
      'calls',
      'call_hold_segments',
      'settings',
      'agents',
      'shifts',
      'agent_state_log',
      'audit_log',
    ]),
  });

  beforeEach(async () => {
    desk = createTestDesk();
    // No PBX here (calls are stand-in INVITEs): 示闲 without a registered phone (ADR 0011).
    allowReadyWithoutPhone(desk);
    desk.subscribe((event) => events.push(event));
    await ok('auth.signIn', { employeeNo: '1001', password: TEST_PASSWORD });
    await ok('agent.setState', { target: { status: 'ready' } });
    ({ owner } = (await ok('media.attach', {})) as { owner: string });
  });
  afterEach(() => {
    desk.cleanup();
    events.length = 0;
  });

  /** A customer's call rings (no PBX: a stand-in INVITE straight into the call service). */
  const ringing = async () => {
    desk.calls.onInvite(fakeInvitation({ number: '13800138000', name: '王芳' }).invitation);
    const call = desk.calls.view().call;
    expect(call).toMatchObject({ phase: 'offering' });
    await settled();
    return call!.id;
  };
  const connected = async () => {
    const callId = await ringing();
    await ok('call.answer', { callId });
    expect(desk.calls.view().call).toMatchObject({ phase: 'active', muted: false });
    return callId;
  };
  const afterCallWork = async () => {
    const callId = await connected();
    await ok('call.hangup', { callId });
    expect(desk.calls.view()).toMatchObject({ call: { phase: 'ended' }, acw: { callId } });
    expect(desk.session.current()?.state).toEqual({ status: 'after_call_work' });
    return callId;
  };

  async function refusesAll(name: string, shapes: unknown[]) {
    await refusesAllUnchanged({ desk, events, everything }, name, shapes);
    // The media owner is still the one that attached (a second attach would have replaced it).
    expect(await desk.dispatcher.dispatch('media.heartbeat', { owner })).toEqual({
      ok: true,
      value: null,
    });
  }

  const long = 'x'.repeat(65); // ids and owners are at most 64 characters

  it('softphone.setOptions', async () => {
    await refusesAll('softphone.setOptions', [
      { autoAnswer: 'yes' },
      { autoAnswer: 1 },
      { autoAnswer: null },
      { ringTimeoutSeconds: 4 },
      { ringTimeoutSeconds: 121 },
      { ringTimeoutSeconds: 20.5 },
      { ringTimeoutSeconds: '20' },
      { ringTimeoutSeconds: Number.NaN },
      { ringTimeoutSeconds: Number.POSITIVE_INFINITY },
      { autoAnswer: true, ringTimeoutSeconds: 30, extra: 1 },
      JSON.parse('{"autoAnswer": true, "__proto__": {"ringTimeoutSeconds": 1}}'),
      'autoAnswer',
      [true],
      42,
    ]);
  });

  it('call.reject', async () => {
    const callId = await ringing();
    await refusesAll('call.reject', [
      {},
      { callId: '' },
      { callId: long },
      { callId: 123 },
      { callId: [callId] },
      { callId: null },
      { callId, extra: 'x' },
      { callId, statusCode: 603 },
      callId,
    ]);
  });

  it('call.hangup', async () => {
    const callId = await connected();
    await refusesAll('call.hangup', [
      {},
      { callId: '' },
      { callId: long },
      { callId: 42 },
      { callId: { id: callId } },
      { callId, cause: 'remote_bye' },
      [callId],
    ]);
  });

  it('call.mute', async () => {
    const callId = await connected();
    await refusesAll('call.mute', [
      { callId },
      { muted: true },
      { callId, muted: 'true' },
      { callId, muted: 1 },
      { callId, muted: null },
      { callId: long, muted: true },
      { callId: 7, muted: true },
      { callId, muted: true, extra: 1 },
    ]);
  });

  it('call.consult', async () => {
    const callId = await connected();
    await refusesAll('call.consult', [
      { callId },
      { action: 'cancel' },
      { callId, action: 'merge' },
      { callId, action: 'CANCEL' },
      { callId, action: '' },
      { callId, action: 1 },
      { callId: long, action: 'swap' },
      { callId: '', action: 'cancel' },
      { callId, action: 'cancel', target: '1002' },
    ]);
  });

  it('call.dialParty', async () => {
    await refusesAll('call.dialParty', [
      {},
      { waybillId: 'w-1' },
      { party: 'sender' },
      { waybillId: '', party: 'sender' },
      { waybillId: long, party: 'receiver' },
      { waybillId: 5, party: 'sender' },
      { waybillId: 'w-1', party: 'courier' },
      { waybillId: 'w-1', party: 'Sender' },
      // The number comes from the waybill, never from the renderer.
      { waybillId: 'w-1', party: 'sender', number: '13900000000' },
      'w-1',
    ]);
  });

  it('call.history', async () => {
    // A finished call, so a request that got through would have rows to return.
    await afterCallWork();
    await refusesAll('call.history', [
      { limit: 0 },
      { limit: -1 },
      { limit: 201 },
      { limit: 1e9 },
      { limit: 1.5 },
      { limit: '10' },
      { limit: null },
      { limit: Number.NaN },
      { limit: 10, agentId: 'someone-else' },
      [10],
    ]);
  });

  it('acw.complete', async () => {
    await afterCallWork();
    const next = { status: 'ready' };
    await refusesAll('acw.complete', [
      {},
      { disposition: 'tracking' },
      { next },
      { disposition: 'bogus', next },
      { disposition: 'TRACKING', next },
      { disposition: 1, next },
      { disposition: 'tracking', next: 'ready' },
      { disposition: 'tracking', next: { status: 'break' } },
      { disposition: 'tracking', next: { status: 'napping' } },
      { disposition: 'tracking', next: { status: 'ready', reason: 'lunch' } },
      { disposition: 'tracking', next, notes: 'x'.repeat(501) },
      { disposition: 'tracking', next, notes: 5 },
      { disposition: 'tracking', next, notes: null },
      { disposition: 'tracking', next, callId: 'another-call' },
    ]);
  });

  it('media.attach (takes no arguments)', async () => {
    // With a call up, a second attach would replace the owner and end the call's media.
    await connected();
    await refusesAll('media.attach', [
      { owner },
      { force: true },
      { x: 1 },
      'attach',
      [owner],
      0,
      true,
    ]);
  });

  it('media.heartbeat', async () => {
    await connected();
    await refusesAll('media.heartbeat', [
      {},
      { owner: 5 },
      { owner: null },
      { owner: [owner] },
      { owner: long },
      { owner, seq: 1 },
      owner,
    ]);
  });
});
