import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '@shared/contract';
import { createDispatcher } from '../../electron/core/contract-server';
import { MemoryLogger } from '../../electron/core/platform/ports';
import type { TestDesk } from '../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../helpers/desk';

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
