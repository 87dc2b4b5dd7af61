import { afterEach, describe, expect, it } from 'vitest';
import type { RequestArgs, RequestName } from '@shared/contract';
import type { TestDesk } from '../../../helpers/desk';
import { TEST_PASSWORD, createTestDesk } from '../../../helpers/desk';

const MIN = 60_000;

describe('call-backs (回电)', () => {
  let desk: TestDesk;
  afterEach(() => desk?.cleanup());

  const call = async <N extends RequestName>(name: N, args: RequestArgs<N>) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return outcome.value as never;
  };
  const refused = async (name: RequestName, args: unknown) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (outcome.ok) throw new Error(`${name} was accepted`);
    return outcome.error;
  };
  const count = () =>
    (desk.db.raw.prepare('SELECT COUNT(*) AS n FROM callbacks').get() as { n: number }).n;
  const events: { id: string; due: boolean }[] = [];

  async function open(employeeNo = '1001') {
    desk = createTestDesk();
    events.length = 0;
    desk.subscribe((event, payload) => {
      if (event === 'callbacks.changed') events.push(payload as { id: string; due: boolean });
    });
    await desk.session.signIn(employeeNo, TEST_PASSWORD);
  }
  const promise = (over: Partial<RequestArgs<'callbacks.promise'>> = {}) =>
    call('callbacks.promise', {
      reason: '查询理赔进度后回复客户',
      dueAt: desk.clock.now() + 60 * MIN,
      callId: null,
      number: '+86 138-0013-8000',
      customerId: null,
      waybillId: null,
      ...over,
    });

  it('a promise: stored under one number form, masked on screen, audited, listed as mine', async () => {
    await open();
    const cb = (await promise()) as { id: string; numberMasked: string; overdue: boolean };
    expect(cb).toMatchObject({ numberMasked: '138****8000', overdue: false });
    expect(desk.db.raw.prepare('SELECT number FROM callbacks').get()).toEqual({
      number: '13800138000',
    });
    expect(JSON.stringify(await call('callbacks.mine', { status: 'open' }))).not.toContain(
      '13800138000',
    );
    expect(
      desk.db.raw
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'callback_promise'")
        .get(),
    ).toEqual({ n: 1 });
    expect(events).toEqual([{ id: cb.id, due: false }]);
  });

  it('from a call: the caller’s number and customer come with it; a withheld caller cannot be called back', async () => {
    await open();
    const session = desk.session.current()!;
    const insert = desk.db.raw.prepare(
      `INSERT INTO calls (id, sip_call_id, agent_id, shift_id, direction, remote_number,
         remote_number_raw, offered_at) VALUES (?, ?, ?, ?, 'inbound', ?, ?, ?)`,
    );
    insert.run('c1', 's1', session.agent.id, session.shift.id, '13912345678', '13912345678', 0);
    insert.run('c2', 's2', session.agent.id, session.shift.id, '', 'anonymous', 0);
    const cb = (await promise({ callId: 'c1', number: null })) as {
      numberMasked: string;
      callId: string;
    };
    expect(cb).toMatchObject({ numberMasked: '139****5678', callId: 'c1' });
    expect(
      await refused('callbacks.promise', {
        reason: 'x',
        dueAt: desk.clock.now() + 60 * MIN,
        callId: 'c2',
        number: null,
        customerId: null,
        waybillId: null,
      }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'number', message: 'required' }] });
  });

  it('bad input is refused with its field, and nothing is stored', async () => {
    await open();
    const now = desk.clock.now();
    const base = {
      reason: '回复',
      dueAt: now + 60 * MIN,
      callId: null,
      number: '13800138000',
      customerId: null,
      waybillId: null,
    };
    const cases: [unknown, string][] = [
      [{ ...base, dueAt: now - MIN }, 'BAD_ARGUMENT'], // a call-back due in the past
      [{ ...base, dueAt: now + 31 * 24 * 60 * MIN }, 'BAD_ARGUMENT'],
      [{ ...base, number: '12345' }, 'BAD_ARGUMENT'],
      [{ ...base, number: null }, 'BAD_ARGUMENT'], // neither a call nor a number
      [{ ...base, reason: '   ' }, 'BAD_ARGUMENT'],
      [{ ...base, reason: '回'.repeat(201) }, 'BAD_ARGUMENT'],
      [{ ...base, callId: 'nope', number: null }, 'NOT_FOUND'],
      [{ ...base, customerId: 'nobody' }, 'NOT_FOUND'],
      [{ ...base, waybillId: 'nowaybill' }, 'NOT_FOUND'],
      [{ ...base, extra: 1 }, 'BAD_ARGUMENT'],
    ];
    for (const [args, code] of cases) {
      expect((await refused('callbacks.promise', args)).code, JSON.stringify(args)).toBe(code);
    }
    expect(count()).toBe(0);
    for (const [name, args] of [
      ['callbacks.mine', { status: 'all' }],
      ['callbacks.close', { id: 'x', outcome: 'maybe', note: null }],
      ['callbacks.dial', {}],
    ] as const) {
      expect((await refused(name, args)).code).toBe('BAD_ARGUMENT');
    }
  });

  it('closing: once, by its owner (or a lead), with an outcome; audited', async () => {
    await open();
    const cb = (await promise()) as { id: string };
    const closed = (await call('callbacks.close', {
      id: cb.id,
      outcome: 'reached',
      note: '已告知赔付进度',
    })) as {
      outcome: string;
      closedAt: number;
    };
    expect(closed).toMatchObject({ outcome: 'reached', closedAt: desk.clock.now() });
    expect(
      (await refused('callbacks.close', { id: cb.id, outcome: 'reached', note: null })).code,
    ).toBe('ILLEGAL_TRANSITION');
    expect(await call('callbacks.mine', { status: 'open' })).toEqual([]);
    expect(await call('callbacks.mine', { status: 'closed' })).toHaveLength(1);
    // Another agent's call-back cannot be closed or dialled by an agent.
    const other = (await promise()) as { id: string };
    await desk.session.signOut();
    desk.db.raw
      .prepare(
        `INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
         SELECT '00000000-0000-7000-8000-999999999998', '1003', '钱七', 'agent', team, password_hash, 0, 0
         FROM agents WHERE employee_no = '1001'`,
      )
      .run();
    await desk.session.signIn('1003', TEST_PASSWORD);
    expect(
      (await refused('callbacks.close', { id: other.id, outcome: 'reached', note: null })).code,
    ).toBe('FORBIDDEN');
    expect((await refused('callbacks.dial', { id: other.id })).code).toBe('FORBIDDEN');
    expect((await refused('callbacks.overdue', {})).code).toBe('FORBIDDEN');
  });

  it('reminds the owner once, ten minutes before it is due; the lead sees it when overdue', async () => {
    await open();
    const cb = (await promise({ dueAt: desk.clock.now() + 30 * MIN })) as { id: string };
    events.length = 0;
    desk.clock.advance(19 * MIN);
    expect(desk.callbacks.remindDue()).toBe(0);
    desk.clock.advance(2 * MIN); // 9 minutes before
    expect(desk.callbacks.remindDue()).toBe(1);
    expect(desk.callbacks.remindDue()).toBe(0); // once
    expect(events).toEqual([{ id: cb.id, due: true }]);
    desk.clock.advance(10 * MIN);
    expect((await call('callbacks.mine', { status: 'open' }))[0]).toMatchObject({ overdue: true });
    await desk.session.signOut();
    await desk.session.signIn('9001', TEST_PASSWORD);
    expect(await call('callbacks.overdue', {})).toEqual([
      expect.objectContaining({ id: cb.id, ownerName: '张伟', overdue: true }),
    ]);
  });

  it('dial: main dials the stored number; a closed one is not dialled', async () => {
    await open();
    const cb = (await promise()) as { id: string };
    // No softphone registered here: the dial reaches the softphone, which says so.
    expect((await refused('callbacks.dial', { id: cb.id })).code).toBe('DISCONNECTED');
    await call('callbacks.close', { id: cb.id, outcome: 'no_answer', note: null });
    expect((await refused('callbacks.dial', { id: cb.id })).code).toBe('ILLEGAL_TRANSITION');
  });
});
