import { afterEach, describe, expect, it } from 'vitest';
import type {
  Compiled,
  Handover,
  HandoverLine,
  RequestArgs,
  RequestName,
  RequestResult,
} from '@shared/contract';
import { createDesk } from '../../../../electron/core/desk';
import type { Desk } from '../../../../electron/core/desk';
import { MemoryLogger } from '../../../../electron/core/platform/ports';
import type { TestDesk } from '../../../helpers/desk';
import { TEST_PASSWORD, addAgent, createTestDesk } from '../../../helpers/desk';
import { tableRows } from '../../../helpers/refusals';
import { seedComplaint } from '../../../helpers/complaints';
import { draft } from '../../../shared/orders/fixtures';

const MIN = 60_000;
const TABLES = ['handovers', 'handover_items', 'handover_overrides', 'callbacks', 'shifts'];

describe('the handover book (业务交接本)', () => {
  let desk: TestDesk;
  /** A second desk on the same database: where the lead works while an agent is signed in. */
  let leadDesk: Desk;
  let ids: { a: string; b: string; c: string; lead: string; other: string };
  afterEach(() => {
    leadDesk?.dispose();
    desk?.cleanup();
  });

  async function open() {
    desk = createTestDesk();
    const raw = desk.db.raw;
    const id = (no: string) =>
      (raw.prepare('SELECT id FROM agents WHERE employee_no = ?').get(no) as { id: string }).id;
    addAgent(desk.db, { employeeNo: '1002', name: '王芳', role: 'agent' });
    addAgent(desk.db, { employeeNo: '1003', name: '刘洋', role: 'agent' });
    addAgent(desk.db, { employeeNo: '2001', name: '陈静', role: 'agent' });
    raw.prepare("UPDATE agents SET team = '二组' WHERE employee_no = '2001'").run();
    ids = { a: id('1001'), b: id('1002'), c: id('1003'), lead: id('9001'), other: id('2001') };
    leadDesk = createDesk({
      dataDir: desk.dataDir,
      host: 'web',
      appVersion: '0.0.0-test',
      clock: desk.clock,
      logger: new MemoryLogger(),
    });
  }

  /** Requests on the agent's desk or the lead's. */
  const on = (which: () => Desk) => ({
    call: async <N extends RequestName>(name: N, args: RequestArgs<N>) => {
      const outcome = await which().dispatcher.dispatch(name, args);
      if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
      return outcome.value as never;
    },
    /** Refused, and no row of the book, the call-backs or the shifts changed. */
    refused: async (name: RequestName, args: unknown) => {
      const before = tableRows(desk, TABLES);
      const outcome = await which().dispatcher.dispatch(name, args);
      if (outcome.ok) throw new Error(`${name} was accepted`);
      expect(tableRows(desk, TABLES)).toEqual(before);
      return outcome.error;
    },
  });
  const agent = on(() => desk);
  const lead = on(() => leadDesk);
  const promise = (dueInMin: number, reason = '查询理赔进度后回复客户') =>
    agent.call('callbacks.promise', {
      reason,
      dueAt: desk.clock.now() + dueInMin * MIN,
      callId: null,
      number: '13800138000',
      customerId: null,
      waybillId: null,
    }) as Promise<{ id: string }>;
  const submit = (over: Partial<RequestArgs<'handover.submit'>> = {}) =>
    agent.call('handover.submit', {
      note: '系统下午查件接口偶发超时',
      removed: [],
      added: [],
      correctsId: null,
      ...over,
    }) as Promise<Handover>;
  const count = (table: string) =>
    (desk.db.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const audits = (action: string) =>
    (
      desk.db.raw.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?').get(action) as {
        n: number;
      }
    ).n;

  /** Ends the shift whatever is open (the handover rules are tested on their own). */
  const leave = () => desk.session.signOut();

  /** Agent 1001 promises two call-backs and writes the handover with a 重大 incident. */
  async function handedOver() {
    await desk.session.signIn('1001', TEST_PASSWORD);
    const soon = await promise(30, '回复破损理赔结果');
    const later = await promise(6 * 60, '确认改派地址');
    const h = await submit({
      added: [{ kind: 'incident', text: '分拨中心停电，上午件延误', urgency: 'red', major: true }],
    });
    await agent.call('auth.signOut', {});
    return { h, soon, later };
  }

  it('compiles the open call-backs most urgent first, with why and a link to the record', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    const later = await promise(6 * 60, '确认改派地址');
    const soon = await promise(30, '回复破损理赔结果');
    const mid = await promise(3 * 60, '核实签收人');
    const c = (await agent.call('handover.compile', {})) as Compiled;
    expect(c.items.map((i) => [i.refId, i.urgency, i.reason, i.kind])).toEqual([
      [soon.id, 'red', 'callback_due', 'callback'],
      [mid.id, 'amber', 'callback_due', 'callback'],
      [later.id, 'blue', 'callback_due', 'callback'],
    ]);
    expect(c).toMatchObject({ handover: null, overridden: false });
    // The shift's figures from the metrics feature (no call yet: none offered, no rate).
    expect(c.metrics).toMatchObject({ offered: 0, answered: 0, answerRate: null });
    desk.clock.advance(31 * MIN);
    const again = (await agent.call('handover.compile', {})) as Compiled;
    expect(again.items[0]).toMatchObject({ refId: soon.id, reason: 'callback_overdue' });
  });

  it('refuses to sign out with open items and no handover; a handover lets it through', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    await promise(60);
    const err = await agent.refused('auth.signOut', {});
    expect(err).toMatchObject({
      code: 'HANDOVER_REQUIRED',
      details: { openItems: 1 },
    });
    expect(desk.session.current()).not.toBeNull();
    const h = await submit();
    // The snapshot of the shift's figures is stored with it.
    expect(h.metrics).toMatchObject({ offered: 0, handled: 0 });
    expect(await agent.call('auth.signOut', {})).toBeNull();
    expect(desk.session.current()).toBeNull();
    expect(audits('handover_submit')).toBe(1);
  });

  it('signs out as before with nothing open', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    expect(await agent.call('auth.signOut', {})).toBeNull();
    expect(count('handovers')).toBe(0);
  });

  it("a lead's override (with a reason, audited) lets the shift sign out without a handover", async () => {
    await open();
    await leadDesk.session.signIn('9001', TEST_PASSWORD);
    await desk.session.signIn('1001', TEST_PASSWORD);
    await promise(60);
    const shiftId = desk.session.current()!.shift.id;
    const shifts = (await lead.call('handover.openShifts', {})) as { shiftId: string }[];
    expect(shifts.map((s) => s.shiftId)).toEqual([shiftId]);
    expect(await lead.refused('handover.overrideSignOut', { shiftId, reason: '' })).toMatchObject({
      code: 'BAD_ARGUMENT',
    });
    // An agent may not allow it (not even for their own shift).
    expect(
      await agent.refused('handover.overrideSignOut', { shiftId, reason: '急事' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await lead.call('handover.overrideSignOut', { shiftId, reason: '家中急事' }),
    ).toMatchObject({ shiftId, overridden: true, handedOver: false });
    expect(audits('handover_sign_out_override')).toBe(1);
    expect(
      await lead.refused('handover.overrideSignOut', { shiftId, reason: '再次' }),
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(await agent.call('auth.signOut', {})).toBeNull();
  });

  it('removing an item needs a reason and an item of the shift; removed ones stay on record', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    const cb = await promise(60);
    const key = `callback:${cb.id}`;
    const noReason = await agent.refused('handover.submit', {
      note: '',
      removed: [{ key, reason: '  ' }],
      added: [],
      correctsId: null,
    });
    expect(noReason).toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(
      await agent.refused('handover.submit', {
        note: '',
        removed: [{ key: 'callback:nope', reason: '已处理' }],
        added: [],
        correctsId: null,
      }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'removed.0.key' }] });
    const h = await submit({ removed: [{ key, reason: '客户来电已解决' }] });
    expect(h.items).toMatchObject([{ key, removedReason: '客户来电已解决', ack: 'pending' }]);
    expect(
      await agent.refused('handover.submit', {
        note: 'x',
        removed: [],
        added: [],
        correctsId: null,
      }),
    ).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    // After submitting: a free item added, then removed (again only with a reason).
    const added = (await agent.call('handover.addItem', {
      handoverId: h.id,
      item: { kind: 'system_problem', text: '二号话机回声', urgency: 'blue', major: false },
    })) as Handover;
    const item = added.items.at(-1)!;
    expect(item).toMatchObject({ kind: 'system_problem', refId: null, reason: 'free' });
    expect(
      await agent.refused('handover.removeItem', { itemId: item.id, reason: '' }),
    ).toMatchObject({
      code: 'BAD_ARGUMENT',
    });
    const removed = (await agent.call('handover.removeItem', {
      itemId: item.id,
      reason: '已报修',
    })) as Handover;
    expect(removed.items.at(-1)).toMatchObject({ removedReason: '已报修' });
    expect(audits('handover_item_added')).toBe(1);
    expect(audits('handover_item_removed')).toBe(1);
  });

  it('the next shift accepts (首问 moves: the call-back is theirs now) or queries with a comment', async () => {
    await open();
    const { h, soon, later } = await handedOver();
    await desk.session.signIn('1002', TEST_PASSWORD);
    const waiting = (await agent.call('handover.awaitingMe', {})) as HandoverLine[];
    expect(waiting).toMatchObject([{ id: h.id, items: 3, pending: 3 }]);
    const bySoon = h.items.find((i) => i.refId === soon.id)!;
    const byLater = h.items.find((i) => i.refId === later.id)!;
    expect(
      await agent.refused('handover.acknowledge', {
        itemId: byLater.id,
        decision: 'query',
        comment: null,
      }),
    ).toMatchObject({ code: 'BAD_ARGUMENT' });
    const accepted = (await agent.call('handover.acknowledge', {
      itemId: bySoon.id,
      decision: 'accept',
      comment: null,
    })) as Handover;
    expect(accepted.items.find((i) => i.id === bySoon.id)).toMatchObject({
      ack: 'accepted',
      transferred: true,
      ackBy: { employeeNo: '1002' },
    });
    expect(accepted.receiver).toMatchObject({ employeeNo: '1002' });
    const mine = (await agent.call('callbacks.mine', { status: 'open' })) as { id: string }[];
    expect(mine.map((c) => c.id)).toEqual([soon.id]);
    expect(audits('callback_transfer')).toBe(1);
    await agent.call('handover.acknowledge', {
      itemId: byLater.id,
      decision: 'query',
      comment: '地址是哪一个？',
    });
    // Acknowledged once only.
    expect(
      await agent.refused('handover.acknowledge', {
        itemId: bySoon.id,
        decision: 'query',
        comment: '再看',
      }),
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    // The queried call-back stays with its first owner.
    expect(
      desk.db.raw.prepare('SELECT owner_id FROM callbacks WHERE id = ?').get(later.id),
    ).toEqual({ owner_id: ids.a });
  });

  it('a complaint ticket with a clock is compiled, and accepting it hands the ticket over', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    const ticket = (await agent.call('complaints.register', seedComplaint())) as {
      id: string;
      number: string;
    };
    const c = (await agent.call('handover.compile', {})) as Compiled;
    expect(c.items).toEqual([
      expect.objectContaining({
        kind: 'complaint',
        refId: ticket.id,
        reason: 'complaint_clock',
        title: ticket.number,
        customer: '李先生',
      }),
    ]);
    const h = await submit();
    leave();
    await desk.session.signIn('1002', TEST_PASSWORD);
    const done = (await agent.call('handover.acknowledge', {
      itemId: h.items[0]!.id,
      decision: 'accept',
      comment: null,
    })) as Handover;
    expect(done.items[0]).toMatchObject({ ack: 'accepted', transferred: true });
    expect(await agent.call('complaints.get', { id: ticket.id })).toMatchObject({
      owner: { employeeNo: '1002' },
    });
  });

  it("refuses to acknowledge someone else's item: the author, another team, a third agent", async () => {
    await open();
    const { h } = await handedOver();
    const item = h.items[0]!;
    const ack = { itemId: item.id, decision: 'accept', comment: null };
    await desk.session.signIn('1001', TEST_PASSWORD);
    expect(await agent.refused('handover.acknowledge', ack)).toMatchObject({ code: 'FORBIDDEN' });
    leave();
    await desk.session.signIn('2001', TEST_PASSWORD);
    expect(await agent.refused('handover.acknowledge', ack)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await agent.call('handover.awaitingMe', {})).toEqual([]);
    leave();
    await desk.session.signIn('1002', TEST_PASSWORD);
    await agent.call('handover.acknowledge', { ...ack, decision: 'query', comment: '?' } as never);
    leave();
    await desk.session.signIn('1003', TEST_PASSWORD);
    // 1002 is the receiver now: the rest is theirs.
    expect(
      await agent.refused('handover.acknowledge', { ...ack, itemId: h.items[1]!.id }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await agent.refused('handover.acknowledge', {
        itemId: 'nope',
        decision: 'accept',
        comment: null,
      }),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('an agent calling the lead requests gets FORBIDDEN and changes nothing', async () => {
    await open();
    const { h } = await handedOver();
    await desk.session.signIn('1002', TEST_PASSWORD);
    const item = h.items[0]!.id;
    const shiftId = desk.session.current()!.shift.id;
    for (const [name, args] of [
      ['handover.open', {}],
      ['handover.comment', { itemId: item, comment: '请尽快' }],
      ['handover.reassign', { itemId: item, agentId: ids.c }],
      ['handover.signOff', { id: h.id, note: '已阅' }],
      ['handover.openShifts', {}],
      ['handover.overrideSignOut', { shiftId, reason: '急事' }],
      ['handover.team', {}],
    ] as const) {
      expect(await agent.refused(name, args), name).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('the lead lists, comments, reassigns and signs off; a 重大 incident needs a note; signed is read-only', async () => {
    await open();
    const { h } = await handedOver();
    await leadDesk.session.signIn('9001', TEST_PASSWORD);
    desk.clock.advance(90 * MIN);
    expect(await lead.call('handover.open', {})).toMatchObject([
      { id: h.id, pending: 3, ageMs: 90 * MIN, status: 'submitted' },
    ]);
    const [first, second, third] = h.items;
    await lead.call('handover.comment', { itemId: first!.id, comment: '优先处理' });
    expect(
      await lead.refused('handover.reassign', { itemId: second!.id, agentId: ids.other }),
    ).toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(
      await lead.refused('handover.reassign', { itemId: second!.id, agentId: ids.a }),
    ).toMatchObject({ code: 'BAD_ARGUMENT' });
    const re = (await lead.call('handover.reassign', {
      itemId: second!.id,
      agentId: ids.c,
    })) as Handover;
    expect(re.items[1]).toMatchObject({ assignee: { employeeNo: '1003' } });
    expect(re.items[0]).toMatchObject({ leadComment: '优先处理' });
    // Not signed while items wait for their acknowledgement.
    expect(await lead.refused('handover.signOff', { id: h.id, note: '已阅' })).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    await desk.session.signIn('1002', TEST_PASSWORD);
    expect(
      await agent.refused('handover.acknowledge', {
        itemId: second!.id,
        decision: 'accept',
        comment: null,
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    for (const item of [first!, third!]) {
      await agent.call('handover.acknowledge', {
        itemId: item.id,
        decision: 'accept',
        comment: null,
      });
    }
    leave();
    await desk.session.signIn('1003', TEST_PASSWORD);
    await agent.call('handover.acknowledge', {
      itemId: second!.id,
      decision: 'accept',
      comment: null,
    });
    // The 重大 incident: no sign-off without a note.
    expect(await lead.refused('handover.signOff', { id: h.id, note: null })).toMatchObject({
      code: 'BAD_ARGUMENT',
      issues: [{ path: 'note' }],
    });
    const signed = (await lead.call('handover.signOff', {
      id: h.id,
      note: '停电事故已报分拨中心',
    })) as Handover;
    expect(signed).toMatchObject({ status: 'signed', signedBy: { employeeNo: '9001' } });
    expect(audits('handover_sign_off')).toBe(1);
    expect(await lead.refused('handover.signOff', { id: h.id, note: '再签' })).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await lead.call('handover.open', {})).toEqual([]);
    // Read-only once signed: the lead's and the author's edits are refused …
    expect(
      await lead.refused('handover.comment', { itemId: first!.id, comment: '补充' }),
    ).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    leave();
    await desk.session.signIn('1001', TEST_PASSWORD);
    expect(
      await agent.refused('handover.addItem', {
        handoverId: h.id,
        item: { kind: 'other', text: '补记', urgency: 'blue', major: false },
      }),
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(
      await agent.refused('handover.removeItem', { itemId: third!.id, reason: '错记' }),
    ).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    // … and the database refuses too; nothing is ever deleted.
    expect(() => desk.db.raw.prepare("UPDATE handovers SET note = 'x'").run()).toThrow(/read-only/);
    expect(() => desk.db.raw.prepare("UPDATE handover_items SET title = 'x'").run()).toThrow(
      /read-only/,
    );
    expect(() => desk.db.raw.prepare('DELETE FROM handover_items').run()).toThrow(/never deleted/);
    expect(() => desk.db.raw.prepare('DELETE FROM handovers').run()).toThrow(/never deleted/);
    // A correction is a new entry naming the signed one.
    const fix = await submit({
      note: '更正：停电影响下午件',
      added: [{ kind: 'other', text: '下午件同样延误', urgency: 'amber', major: false }],
      correctsId: h.id,
    });
    expect(fix).toMatchObject({ correctsId: h.id, shiftId: h.shiftId, status: 'submitted' });
    expect(count('handovers')).toBe(2);
  });

  it('history: by agent, date, shift, customer and waybill; agents see their own team', async () => {
    await open();
    const { h } = await handedOver();
    desk.db.raw
      .prepare(
        "UPDATE handover_items SET customer = '顺达商贸', waybill = 'SF1234567890' WHERE position = 0",
      )
      .run();
    await desk.session.signIn('1002', TEST_PASSWORD);
    const none = {
      agent: null,
      from: null,
      to: null,
      shiftId: null,
      customer: null,
      waybill: null,
    };
    const search = async (q: Partial<RequestArgs<'handover.history'>>) =>
      ((await agent.call('handover.history', { ...none, ...q })) as HandoverLine[]).map(
        (l) => l.id,
      );
    expect(await search({})).toEqual([h.id]);
    expect(await search({ agent: '1001' })).toEqual([h.id]);
    expect(await search({ agent: '张' })).toEqual([h.id]);
    expect(await search({ agent: '1003' })).toEqual([]);
    expect(await search({ from: '2026-11-22', to: '2026-11-22' })).toEqual([h.id]);
    expect(await search({ from: '2026-11-23', to: '2026-11-30' })).toEqual([]);
    expect(await search({ shiftId: h.shiftId })).toEqual([h.id]);
    expect(await search({ customer: '顺达' })).toEqual([h.id]);
    expect(await search({ customer: '%' })).toEqual([]);
    expect(await search({ waybill: 'sf1234567890' })).toEqual([h.id]);
    expect(await search({ waybill: 'SF000' })).toEqual([]);
    expect(
      await agent.refused('handover.history', { ...none, from: '2026-11-30', to: '2026-11-01' }),
    ).toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(await agent.refused('handover.history', { ...none, from: '22/11/2026' })).toMatchObject({
      code: 'BAD_ARGUMENT',
    });
    leave();
    await desk.session.signIn('2001', TEST_PASSWORD);
    expect(await search({})).toEqual([]);
    expect(await agent.refused('handover.get', { id: h.id })).toMatchObject({ code: 'FORBIDDEN' });
  });
  // ---- items that come up after the handover was written (首问责任制 at the shift change) ----

  /** The shift's sign-out is refused for want of these items in the book. */
  const refusedSignOut = async (missing: number, handoverId: string) =>
    expect(await agent.refused('auth.signOut', {})).toMatchObject({
      code: 'HANDOVER_REQUIRED',
      details: { openItems: missing, handoverId },
    });
  const addCompiled = (keys: string[]) =>
    agent.call('handover.addCompiled', { keys }) as Promise<Handover>;

  it('a call-back promised after the handover blocks the sign-out until it is in the book', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    const first = await promise(60);
    const h = await submit();
    const events: string[] = [];
    desk.subscribe((name) => events.push(name));
    desk.clock.advance(10 * MIN);
    const late = await promise(90, '核实改派后的派送时间');
    const lateKey = `callback:${late.id}`;
    const c = (await agent.call('handover.compile', {})) as Compiled;
    expect(c.handover?.id).toBe(h.id);
    expect(c.notInBook).toEqual([lateKey]);
    await refusedSignOut(1, h.id);
    expect(desk.session.current()).not.toBeNull();

    const added = await addCompiled([lateKey]);
    expect(added).toMatchObject({ id: h.id, correctsId: null, status: 'submitted' });
    expect(added.items.map((i) => [i.key, i.refId, i.removedReason, i.ack])).toEqual([
      [`callback:${first.id}`, first.id, null, 'pending'],
      [lateKey, late.id, null, 'pending'],
    ]);
    expect(added.items[1]).toMatchObject({
      kind: 'callback',
      reason: 'callback_due',
      title: '核实改派后的派送时间',
    });
    expect(audits('handover_compiled_added')).toBe(1);
    expect(events).toContain('handover.changed');
    expect(((await agent.call('handover.compile', {})) as Compiled).notInBook).toEqual([]);
    // Added that way, it is removed like any other item while unsigned: with a reason; a removed
    // item still counts as handed over (it carries why).
    const removed = (await agent.call('handover.removeItem', {
      itemId: added.items[1]!.id,
      reason: '客户来电已确认',
    })) as Handover;
    expect(removed.items[1]).toMatchObject({ key: lateKey, removedReason: '客户来电已确认' });
    expect(await agent.call('auth.signOut', {})).toBeNull();
    expect(count('handovers')).toBe(1);
  });

  it('bad keys for the book: unknown, already in it, repeated, none — refused, nothing written', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    // No handover yet: nothing to add to (the handover itself is written instead).
    const early = await promise(60);
    expect(
      await agent.refused('handover.addCompiled', { keys: [`callback:${early.id}`] }),
    ).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const h = await submit();
    const late = await promise(90, '补寄发票');
    const lateKey = `callback:${late.id}`;
    for (const [keys, path] of [
      [['callback:nope'], 'keys.0'],
      [[`callback:${early.id}`], 'keys.0'],
      [[lateKey, lateKey], 'keys.1'],
      [[lateKey, 'order:nope'], 'keys.1'],
    ] as const) {
      expect(await agent.refused('handover.addCompiled', { keys }), keys.join()).toMatchObject({
        code: 'BAD_ARGUMENT',
        issues: [{ path }],
      });
    }
    for (const args of [{ keys: [] }, { keys: [''] }, { keys: 'callback:x' }, {}]) {
      expect(await agent.refused('handover.addCompiled', args)).toMatchObject({
        code: 'BAD_ARGUMENT',
      });
    }
    expect(audits('handover_compiled_added')).toBe(0);
    await refusedSignOut(1, h.id);
    await addCompiled([lateKey]);
    // In the book now: adding it again is refused.
    expect(await agent.refused('handover.addCompiled', { keys: [lateKey] })).toMatchObject({
      code: 'BAD_ARGUMENT',
      issues: [{ path: 'keys.0' }],
    });
  });

  it("another agent's shift or handover, and the lead, cannot put items into this book", async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    await promise(60);
    const h = await submit();
    const late = await promise(90, '补寄发票');
    const key = `callback:${late.id}`;
    // The lead (signed in on the other desk) has no handover of their own shift to add it to.
    await leadDesk.session.signIn('9001', TEST_PASSWORD);
    expect(await lead.refused('handover.addCompiled', { keys: [key] })).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    leave();
    // Another agent: no handover in their shift; with one, A's item is not theirs to add.
    await desk.session.signIn('1002', TEST_PASSWORD);
    expect(await agent.refused('handover.addCompiled', { keys: [key] })).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    await promise(30, '王芳的回电');
    await submit();
    expect(await agent.refused('handover.addCompiled', { keys: [key] })).toMatchObject({
      code: 'BAD_ARGUMENT',
      issues: [{ path: 'keys.0' }],
    });
    expect(count('handover_items')).toBe(2);
    // A's handover, read again: still its one item.
    expect(
      desk.db.raw
        .prepare('SELECT COUNT(*) AS n FROM handover_items WHERE handover_id = ?')
        .get(h.id),
    ).toEqual({ n: 1 });
  });

  it('"all": what is missing when main looks — an item closed meanwhile is no obstacle, and more than 100 go in', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    await promise(60);
    const h = await submit();
    const late = [];
    for (let i = 0; i < 104; i++) late.push(await promise(90 + i, `补充回电 ${i}`));
    const shown = ((await agent.call('handover.compile', {})) as Compiled).notInBook;
    expect(shown).toHaveLength(104);
    // Closed after the list was shown: its key is stale, the rest still go in.
    await agent.call('callbacks.close', { id: late[0]!.id, outcome: 'reached', note: null });
    const added = (await agent.call('handover.addCompiled', { all: true })) as Handover;
    expect(added.id).toBe(h.id);
    expect(added.items).toHaveLength(1 + 103);
    expect(added.items.map((i) => i.key)).not.toContain(`callback:${late[0]!.id}`);
    expect(audits('handover_compiled_added')).toBe(1);
    expect(await agent.call('auth.signOut', {})).toBeNull();
  });

  it('"all" with nothing missing writes nothing', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    await promise(60);
    const h = await submit();
    const before = count('handover_items');
    const same = (await agent.call('handover.addCompiled', { all: true })) as Handover;
    expect(same.id).toBe(h.id);
    expect(count('handover_items')).toBe(before);
    expect(audits('handover_compiled_added')).toBe(0);
  });

  it('after the lead signed the handover, a new item goes into a correction entry', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    const solved = await promise(60);
    // Everything compiled was removed with its reason: nothing to acknowledge, the lead signs.
    const h = await submit({ removed: [{ key: `callback:${solved.id}`, reason: '客户已来电' }] });
    await leadDesk.session.signIn('9001', TEST_PASSWORD);
    await lead.call('handover.signOff', { id: h.id, note: null });
    const late = await promise(90, '补寄发票');
    const lateKey = `callback:${late.id}`;
    await refusedSignOut(1, h.id);
    const fix = await addCompiled([lateKey]);
    expect(fix).toMatchObject({
      correctsId: h.id,
      shiftId: h.shiftId,
      status: 'submitted',
      items: [{ key: lateKey, refId: late.id, ack: 'pending' }],
    });
    expect(fix.id).not.toBe(h.id);
    expect(((await lead.call('handover.get', { id: h.id })) as Handover).items).toEqual(h.items);
    // A second late item joins the same (unsigned) correction.
    const later = await promise(120, '回复改址结果');
    await refusedSignOut(1, h.id);
    const again = await addCompiled([`callback:${later.id}`]);
    expect(again.id).toBe(fix.id);
    expect(again.items.map((i) => i.refId)).toEqual([late.id, later.id]);
    expect(count('handovers')).toBe(2);
    expect(audits('handover_compiled_added')).toBe(2);
    expect(await agent.call('auth.signOut', {})).toBeNull();
  });

  it('a complaint registered and an order taken after the handover: both refused, then added at once', async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    const h = await submit();
    const ticket = (await agent.call('complaints.register', seedComplaint())) as { id: string };
    const order = (await agent.call('orders.submit', {
      draft: draft((o) => {
        o.pickup.date = '2026-11-22';
      }),
      customerId: null,
      callId: null,
      confirmed: true,
    })) as { id: string };
    await refusedSignOut(2, h.id);
    const keys = ((await agent.call('handover.compile', {})) as Compiled).notInBook;
    expect([...keys].sort()).toEqual([`complaint:${ticket.id}`, `order:${order.id}`].sort());
    const added = await addCompiled(keys);
    expect(added.items.map((i) => [i.kind, i.refId]).sort()).toEqual(
      [
        ['complaint', ticket.id],
        ['order', order.id],
      ].sort(),
    );
    expect(await agent.call('auth.signOut', {})).toBeNull();
  });

  it("the lead's open shifts count the items not in each one's book (the agent's orders, not the lead's)", async () => {
    await open();
    await leadDesk.session.signIn('9001', TEST_PASSWORD);
    await desk.session.signIn('1001', TEST_PASSWORD);
    const shiftId = desk.session.current()!.shift.id;
    const shifts = async () =>
      (await lead.call('handover.openShifts', {})) as RequestResult<'handover.openShifts'>;
    await promise(60);
    expect(await shifts()).toMatchObject([{ shiftId, handedOver: false, notInBook: 1 }]);
    const h = await submit();
    expect(await shifts()).toMatchObject([{ shiftId, handedOver: true, notInBook: 0 }]);
    await promise(90, '补寄发票');
    await agent.call('complaints.register', seedComplaint());
    await agent.call('orders.submit', {
      draft: draft((o) => {
        o.pickup.date = '2026-11-22';
      }),
      customerId: null,
      callId: null,
      confirmed: true,
    });
    // What the lead sees is what holds the agent's sign-out.
    await refusedSignOut(3, h.id);
    expect(await shifts()).toMatchObject([{ shiftId, handedOver: true, notInBook: 3 }]);
    expect(await lead.refused('handover.openShifts', { team: '一组' })).toMatchObject({
      code: 'BAD_ARGUMENT',
    });
    await agent.call('handover.addCompiled', { all: true });
    expect(await shifts()).toMatchObject([{ shiftId, handedOver: true, notInBook: 0 }]);
    expect(await agent.call('auth.signOut', {})).toBeNull();
    expect(await shifts()).toEqual([]);
  });

  it("a lead's override still lets a shift go with items new since its handover", async () => {
    await open();
    await desk.session.signIn('1001', TEST_PASSWORD);
    await promise(60);
    const h = await submit();
    await promise(90, '补寄发票');
    await refusedSignOut(1, h.id);
    await leadDesk.session.signIn('9001', TEST_PASSWORD);
    const shiftId = desk.session.current()!.shift.id;
    await lead.call('handover.overrideSignOut', { shiftId, reason: '系统故障，改由值班长跟进' });
    expect(await agent.call('auth.signOut', {})).toBeNull();
  });
});
