import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestArgs, RequestName, RequestResult } from '@shared/contract';
import { maxAttachmentBytes } from '@shared/complaints/contract';
import { localDate } from '@shared/common/calendar';
import { SettingsRepo } from '../../../../electron/core/platform/settings-repo';
import type { TestDesk } from '../../../helpers/desk';
import { TEST_PASSWORD, addAgent, createTestDesk } from '../../../helpers/desk';
import { tableRows } from '../../../helpers/refusals';
import { seedComplaint } from '../../../helpers/complaints';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const tables = [
  'complaints',
  'complaint_events',
  'complaint_waybills',
  'complaint_attachments',
  'audit_log',
];
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('complaint tickets (投诉)', () => {
  let desk: TestDesk;
  afterEach(() => desk?.cleanup());
  const events: { id: string; ownerId: string }[] = [];

  const call = async <N extends RequestName>(name: N, args: RequestArgs<N>) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (!outcome.ok) {
      const logged = desk.logger.entries.filter((e) => e.level === 'error');
      throw new Error(`${outcome.error.code}: ${outcome.error.message} ${JSON.stringify(logged)}`);
    }
    return outcome.value as RequestResult<N>;
  };
  const refused = async (name: RequestName, args: unknown) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (outcome.ok) throw new Error(`${name} was accepted`);
    return outcome.error;
  };
  const signInAs = async (employeeNo: string) => {
    if (desk.session.current()) await desk.session.signOut();
    await desk.session.signIn(employeeNo, TEST_PASSWORD);
  };

  async function open() {
    desk = createTestDesk();
    addAgent(desk.db, { employeeNo: '1003', name: '钱七', role: 'agent' });
    addAgent(desk.db, { employeeNo: '5001', name: '赵理赔', role: 'agent' });
    desk.db.raw
      .prepare(
        `INSERT INTO customers (id, name, class, province, city, address, created_at)
         VALUES ('c-1', '李先生', 'B', '广东省', '广州市', '天河路1号', 0)`,
      )
      .run();
    desk.db.raw
      .prepare(
        `INSERT INTO waybills (id, number, carrier, sender_customer_id, sender_name, sender_phone,
           sender_address, receiver_name, receiver_phone, receiver_address, origin_city, dest_city,
           service_type, item_description, weight_g, insured, freight_fen, status, created_at,
           last_event_at)
         VALUES ('w-1', 'SF1234567890123', 'SF', 'c-1', '李先生', '13912345678', '广州', '珠海分公司',
           '13700000000', '珠海', '广州市', '珠海市', '标快', '有机材料广告牌', 2410, 0, 2300, 'DELIVERED', 0, 0)`,
      )
      .run();
    events.length = 0;
    desk.subscribe((event, payload) => {
      if (event === 'complaints.changed') events.push(payload as { id: string; ownerId: string });
    });
    await signInAs('1001');
  }

  /** The seed's case 1: two acrylic signs, 2.41 kg, our packaging, uninsured, 赔偿200元. */
  /** The seed case, taken from a waybill of customer c-1. */
  const seedCase = (over: Partial<RequestArgs<'complaints.register'>> = {}) =>
    seedComplaint({ customerId: 'c-1', waybillNumbers: ['SF1234567890123'], ...over });

  it('registers the seed case from a waybill: 48.20 元 against 200 asked, owned by its taker, on the clocks', async () => {
    await open();
    const t = await call('complaints.register', seedCase());
    expect(t).toMatchObject({
      number: 'TS202611220001',
      type: 'damage',
      severity: 'ordinary',
      customerName: '李先生',
      customerId: 'c-1',
      waybillNumbers: ['SF1234567890123'],
      owner: { employeeNo: '1001', name: '张伟' },
      step: 'register',
      editable: true,
      compensation: { payableFen: 4820, requestedFen: 20_000, exclusion: null },
    });
    expect(t.compensation.steps.join('\n')).toContain('2.41公斤 × 20.00元 = 48.20元');
    expect(t.compensation.steps.at(-1)).toBe('客户要求200.00元，按规定可赔48.20元');
    expect(t.events).toEqual([
      expect.objectContaining({ kind: 'registered', by: { employeeNo: '1001', name: '张伟' } }),
    ]);
    // The clocks: an ordinary complaint has no 24-hour report; the next is the investigation.
    expect(t.clocks.map((c) => c.key)).not.toContain('report_hq');
    expect(t.clocks.find((c) => c.next)).toMatchObject({ key: 'investigate', state: 'running' });
    expect(t.nextClock).toBe('investigate');
    expect(events).toEqual([{ id: t.id, ownerId: expect.any(String) }]);
    const mine = await call('complaints.list', {
      scope: 'mine',
      type: null,
      severity: null,
      limit: 50,
    });
    expect(mine.items.map((i) => i.id)).toEqual([t.id]);
    expect(
      (await call('complaints.list', { scope: 'mine', type: 'delay', severity: null, limit: 50 }))
        .items,
    ).toEqual([]);
  });

  it('from a call: the caller’s customer comes with it; on its own: no waybill at all', async () => {
    await open();
    const session = desk.session.current()!;
    desk.db.raw
      .prepare(
        `INSERT INTO calls (id, sip_call_id, agent_id, shift_id, direction, remote_number,
           remote_number_raw, offered_at, customer_id) VALUES ('c1', 's1', ?, ?, 'inbound',
           '13912345678', '13912345678', 0, 'c-1')`,
      )
      .run(session.agent.id, session.shift.id);
    const fromCall = await call(
      'complaints.register',
      seedCase({ callId: 'c1', customerId: null, waybillNumbers: [] }),
    );
    expect(fromCall).toMatchObject({ callId: 'c1', customerId: 'c-1', waybillNumbers: [] });
    const alone = await call(
      'complaints.register',
      seedCase({
        customerId: null,
        waybillNumbers: [],
        facts: { ...seedCase().facts, type: 'attitude', requestedFen: null },
      }),
    );
    expect(alone).toMatchObject({
      number: 'TS202611220002',
      customerId: null,
      compensation: { payableFen: 0 },
    });
    expect(JSON.stringify([fromCall, alone])).not.toContain('13912345678');
  });

  it('severity follows the desk’s thresholds; 重大 starts the 24-hour report to HQ', async () => {
    await open();
    desk.db.raw
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('complaints.rules', ?, 0)")
      .run(
        JSON.stringify({
          uninsured: { kind: 'per_kg', fenPerKg: 2000, capFen: null },
          delayFreightRefund: 1,
          abnormalSignatureShare: 0.5,
          severity: { majorFen: 10_000, extraordinaryFen: 1_000_000 },
        }),
      );
    const t = await call('complaints.register', seedCase());
    expect(t.severity).toBe('major');
    expect(t.clocks[0]).toMatchObject({ key: 'report_hq', dueAt: desk.clock.now() + DAY });
    const preview = await call('complaints.preview', {
      facts: { ...seedCase().facts, requestedFen: 5_000 },
    });
    expect(preview).toMatchObject({ severity: 'ordinary', compensation: { payableFen: 4820 } });
  });

  it('bad input is refused with a clear code, and nothing is saved', async () => {
    await open();
    const before = tableRows(desk, tables);
    const base = seedCase();
    const cases: [unknown, string, string?][] = [
      [{ ...base, facts: { ...base.facts, weightKg: -2.41 } }, 'BAD_ARGUMENT', 'facts.weightKg'],
      // 10¹² 元 = 10¹⁴ fen
      [
        { ...base, facts: { ...base.facts, requestedFen: 1e14 } },
        'BAD_ARGUMENT',
        'facts.requestedFen',
      ],
      [{ ...base, facts: { ...base.facts, type: 'theft' } }, 'BAD_ARGUMENT', 'facts.type'],
      [{ ...base, waybillNumbers: ['SF0000000000000'] }, 'NOT_FOUND', 'waybillNumbers.0'],
      [{ ...base, waybillNumbers: ['不是单号'] }, 'BAD_ARGUMENT', 'waybillNumbers.0'],
      [
        { ...base, facts: { ...base.facts, insured: true } },
        'BAD_ARGUMENT',
        'facts.declaredValueFen',
      ],
      [{ ...base, incidentAt: desk.clock.now() + DAY }, 'BAD_ARGUMENT', 'incidentAt'],
      [{ ...base, customerName: '  ' }, 'BAD_ARGUMENT', 'customerName'],
      [{ ...base, customerId: 'nobody' }, 'NOT_FOUND'],
      [{ ...base, callId: 'no-call' }, 'NOT_FOUND'],
      [{ ...base, extra: 1 }, 'BAD_ARGUMENT'],
    ];
    for (const [args, code, path] of cases) {
      const error = await refused('complaints.register', args);
      expect(error.code, JSON.stringify(args)).toBe(code);
      if (path) expect(error.issues?.map((i) => i.path)).toContain(path);
    }
    for (const [name, args] of [
      ['complaints.list', { scope: 'all', type: null, severity: null }],
      ['complaints.advance', { id: 'x', step: 'celebrate', note: null }],
      ['complaints.escalate', { id: 'x', desk: 'legal', toEmployeeNo: null, note: 'x' }],
      ['complaints.close', { id: 'x', paidFen: -1, note: '结案' }],
      ['complaints.monthlySummary', { month: '2026-13' }],
    ] as const) {
      expect((await refused(name, args)).code).toBe('BAD_ARGUMENT');
    }
    expect(tableRows(desk, tables)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('首问: another agent may neither edit nor advance it; a lead may, audited', async () => {
    await open();
    const t = await call('complaints.register', seedCase());
    await signInAs('1003');
    expect(await call('complaints.get', { id: t.id })).toMatchObject({ editable: false });
    const before = tableRows(
      desk,
      tables.filter((x) => x !== 'audit_log'),
    );
    for (const [name, args] of [
      ['complaints.advance', { id: t.id, step: 'negotiate', note: null }],
      ['complaints.edit', { id: t.id, form: { ...seedCase(), callId: undefined } }],
      ['complaints.escalate', { id: t.id, desk: 'claims', toEmployeeNo: '1003', note: '我来' }],
      ['complaints.close', { id: t.id, paidFen: null, note: '结案' }],
      ['complaints.clockDone', { id: t.id, clock: 'investigate', note: null }],
      ['complaints.attachBegin', { id: t.id, fileName: 'a.png', size: 100 }],
      ['complaints.list', { scope: 'team', type: null, severity: null }],
      ['complaints.list', { scope: 'overdue', type: null, severity: null }],
      ['complaints.monthlySummary', { month: '2026-11' }],
      ['complaints.summaryExport', { month: '2026-11' }],
    ] as const) {
      const error = await refused(name, args);
      // The edit's form is not a form (it carries the registration's extra keys): BAD_ARGUMENT.
      expect(error.code, name).toBe(name === 'complaints.edit' ? 'BAD_ARGUMENT' : 'FORBIDDEN');
    }
    const { callId, customerId, waybillNumbers, apologized, ...form } = seedCase();
    void callId;
    void customerId;
    void waybillNumbers;
    void apologized;
    expect((await refused('complaints.edit', { id: t.id, form })).code).toBe('FORBIDDEN');
    expect(
      tableRows(
        desk,
        tables.filter((x) => x !== 'audit_log'),
      ),
    ).toEqual(before);

    await signInAs('9001');
    const edited = await call('complaints.edit', {
      id: t.id,
      form: { ...form, facts: { ...form.facts, weightKg: 3 } },
    });
    expect(edited.compensation.payableFen).toBe(6000);
    expect(edited.owner.employeeNo).toBe('1001'); // a lead's edit does not take the ticket
    expect(
      desk.db.raw
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'complaint_lead_action'")
        .get(),
    ).toEqual({ n: 1 });
    expect(edited.events.at(-1)).toMatchObject({ kind: 'edited', by: { employeeNo: '9001' } });
  });

  it('six steps in order, clocks met by them; escalation to 理赔 passes the ticket on, recorded', async () => {
    await open();
    const t = await call('complaints.register', seedCase());
    const negotiated = await call('complaints.advance', {
      id: t.id,
      step: 'negotiate',
      note: '与客户协商按标准赔偿',
    });
    const state = (key: string) => negotiated.clocks.find((c) => c.key === key)?.state;
    expect([state('investigate'), state('negotiation_letter')]).toEqual(['met', 'met']);
    expect(negotiated.nextClock).toBe('statutory_answer');
    expect(
      (await refused('complaints.advance', { id: t.id, step: 'register', note: null })).code,
    ).toBe('ILLEGAL_TRANSITION');
    expect(
      (
        await refused('complaints.escalate', {
          id: t.id,
          desk: 'claims',
          toEmployeeNo: '0000',
          note: '转理赔',
        })
      ).code,
    ).toBe('NOT_FOUND');
    const escalated = await call('complaints.escalate', {
      id: t.id,
      desk: 'claims',
      toEmployeeNo: '5001',
      note: '客户坚持索赔，转理赔科',
    });
    expect(escalated).toMatchObject({
      escalatedTo: 'claims',
      owner: { employeeNo: '5001', name: '赵理赔' },
      editable: false,
    });
    expect(escalated.clocks.map((c) => c.key)).toContain('claim_investigate');
    expect(escalated.events.at(-1)).toMatchObject({
      kind: 'escalated',
      desk: 'claims',
      to: { employeeNo: '5001' },
      by: { employeeNo: '1001' },
    });
    expect(
      desk.db.raw
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'complaint_escalated'")
        .get(),
    ).toEqual({ n: 1 });
    // No longer mine: gone from my list, and I may not advance it.
    expect(
      (await call('complaints.list', { scope: 'mine', type: null, severity: null, limit: 50 }))
        .items,
    ).toEqual([]);
    expect(
      (await refused('complaints.advance', { id: t.id, step: 'answer', note: null })).code,
    ).toBe('FORBIDDEN');
  });

  it('安抚致歉: ticked at registration it is its own step before 登记; else recordable late only at 登记', async () => {
    await open();
    const soothed = await call('complaints.register', seedCase({ apologized: true }));
    expect(soothed.events.map((e) => [e.kind, e.step, e.by.employeeNo])).toEqual([
      ['step', 'apologize', '1001'],
      ['registered', 'register', '1001'],
    ]);
    expect(soothed).toMatchObject({ step: 'register', stepsDone: ['apologize', 'register'] });
    // Done already: refused, nothing recorded.
    const twice = await refused('complaints.advance', {
      id: soothed.id,
      step: 'apologize',
      note: null,
    });
    expect(twice.code).toBe('ILLEGAL_TRANSITION');

    const plain = await call('complaints.register', seedCase());
    expect(plain.stepsDone).toEqual(['register']);
    expect(plain.events.map((e) => e.kind)).toEqual(['registered']);
    desk.clock.advance(HOUR);
    const late = await call('complaints.advance', {
      id: plain.id,
      step: 'apologize',
      note: '回电致歉',
    });
    expect(late).toMatchObject({ step: 'register', stepsDone: ['apologize', 'register'] });
    expect(late.events.at(-1)).toMatchObject({
      kind: 'step',
      step: 'apologize',
      note: '回电致歉',
      by: { employeeNo: '1001' },
      at: plain.receivedAt + HOUR,
    });
    // Forward only otherwise: once 协商 is done, 安抚致歉 can no longer be recorded.
    const third = await call('complaints.register', seedCase());
    await call('complaints.advance', { id: third.id, step: 'negotiate', note: null });
    const before = tableRows(desk, tables);
    const tooLate = await refused('complaints.advance', {
      id: third.id,
      step: 'apologize',
      note: null,
    });
    expect(tooLate.code).toBe('ILLEGAL_TRANSITION');
    expect(tableRows(desk, tables)).toEqual(before);
    // The registration must answer the question: absent or not a boolean is refused.
    const unanswered: Partial<RequestArgs<'complaints.register'>> = seedCase();
    delete unanswered.apologized;
    for (const args of [unanswered, seedCase({ apologized: 'yes' as never })]) {
      expect((await refused('complaints.register', args)).code).toBe('BAD_ARGUMENT');
    }
    expect(tableRows(desk, tables)).toEqual(before);
  });

  it("the screen pop: the caller's open tickets only, the most urgent first, at most five", async () => {
    await open();
    const db = desk.db.raw;
    db.prepare(
      `INSERT INTO customers (id, name, class, province, city, address, created_at)
       VALUES ('c-2', '周女士', 'C', '广东省', '广州市', '天河路2号', 0)`,
    ).run();
    db.prepare("INSERT INTO phones (phone, customer_id) VALUES ('13912345678', 'c-1')").run();
    // Seven open tickets of c-1, registered an hour apart: the first one's clock is due first.
    const open7 = [];
    for (let i = 0; i < 7; i++) {
      open7.push(await call('complaints.register', seedCase()));
      desk.clock.advance(HOUR);
    }
    const closed = await call('complaints.register', seedCase());
    await call('complaints.close', { id: closed.id, paidFen: 4820, note: '已赔付' });
    const others = await call('complaints.register', seedCase({ customerId: 'c-2' }));
    // Another agent's open ticket of the same caller is shown too, with its owner (首问).
    await signInAs('1003');
    const theirs = await call('complaints.register', seedCase({ apologized: true }));
    // Three days on, the oldest ticket's first clock is overdue: it comes first.
    desk.clock.advance(3 * DAY);
    const pop = await call('screenPop.lookup', { number: '+86 139 1234 5678' });
    const ids = pop.openTickets!.map((t) => t.id);
    expect(ids).toHaveLength(5);
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(others.id);
    expect(ids).toEqual(open7.slice(0, 5).map((t) => t.id));
    expect(pop.openTickets![0]).toMatchObject({
      number: open7[0]!.number,
      owner: { employeeNo: '1001' },
      type: 'damage',
      severity: 'ordinary',
      nextClock: expect.any(String),
      overdue: true,
    });
    const due = pop.openTickets!.map((t) => t.nextDueAt!);
    expect(due).toEqual([...due].sort((a, b) => a - b));
    // Bounded, not truncated arbitrarily: with most closed, the rest (with the other agent's) show.
    await signInAs('1001');
    for (const t of open7.slice(0, 6)) {
      await call('complaints.close', { id: t.id, paidFen: null, note: '已处理' });
    }
    await signInAs('1003');
    const after = await call('screenPop.lookup', { number: '13912345678' });
    expect(after.openTickets!.map((t) => [t.id, t.owner.employeeNo])).toEqual([
      [open7[6]!.id, '1001'],
      [theirs.id, '1003'],
    ]);
    // The index keeps it a seek per customer.
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM complaints t WHERE t.closed_at IS NULL
         AND t.customer_id IN (SELECT value FROM json_each(?)) ORDER BY t.next_due_at`,
      )
      .all(JSON.stringify(['c-1'])) as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' | ')).toMatch(/complaints_open_by_customer/);
    // An unknown caller: no tickets.
    expect((await call('screenPop.lookup', { number: '01012345678' })).openTickets).toEqual([]);
  });

  it('the lead sets the compensation terms and the letterhead (audited); agents are FORBIDDEN; bad input changes nothing', async () => {
    await open();
    const settingsTables = ['settings', 'audit_log'];
    const rules = {
      uninsured: { kind: 'per_kg' as const, fenPerKg: 3000, capFen: 50_000 },
      delayFreightRefund: 0.5,
      abnormalSignatureShare: 0.5,
      severity: { majorFen: 300_000, extraordinaryFen: 3_000_000 },
    };
    const letterhead = {
      company: '速达快递有限公司',
      department: '客户服务部',
      hotline: '400-800-1234',
      address: '广州市天河路1号',
    };
    // An agent: refused, whether reading or writing.
    const before = tableRows(desk, settingsTables);
    for (const [name, args] of [
      ['complaints.rules', {}],
      ['complaints.setRules', rules],
      ['documents.letterhead', {}],
      ['documents.setLetterhead', letterhead],
    ] as const) {
      expect((await refused(name, args)).code, name).toBe('FORBIDDEN');
    }
    expect(tableRows(desk, settingsTables)).toEqual(before);

    await signInAs('9001');
    const signedIn = tableRows(desk, settingsTables);
    const bad = [
      { ...rules, severity: { majorFen: 300_000, extraordinaryFen: 300_000 } },
      { ...rules, uninsured: { kind: 'per_kg', fenPerKg: -1, capFen: null } },
      { ...rules, uninsured: { kind: 'per_kg', fenPerKg: 100_000_000_000_000, capFen: null } },
      { ...rules, uninsured: { kind: 'per_ton', fenPerKg: 2000, capFen: null } },
      { ...rules, delayFreightRefund: 1.5 },
      { ...rules, extra: true },
      {},
    ];
    for (const args of bad) {
      expect((await refused('complaints.setRules', args)).code, JSON.stringify(args)).toBe(
        'BAD_ARGUMENT',
      );
    }
    const notAbove = await refused('complaints.setRules', bad[0]);
    expect(notAbove.issues?.[0]).toMatchObject({
      path: 'severity.extraordinaryFen',
      message: 'not_above_major',
    });
    for (const args of [
      { ...letterhead, hotline: '打这个号码' },
      { ...letterhead, department: '  ' },
      { ...letterhead, company: 'x'.repeat(61) },
      { company: '速达' },
    ]) {
      expect((await refused('documents.setLetterhead', args)).code, JSON.stringify(args)).toBe(
        'BAD_ARGUMENT',
      );
    }
    expect(tableRows(desk, settingsTables)).toEqual(signedIn);

    expect(await call('complaints.setRules', rules)).toEqual(rules);
    expect(await call('complaints.rules', {})).toEqual(rules);
    // New figures follow at once: 2.41 kg × 30 元 = 72.30 元; 4,000 元 asked is now 重大.
    const preview = await call('complaints.preview', {
      facts: { ...seedCase().facts, requestedFen: 400_000 },
    });
    expect(preview).toMatchObject({ severity: 'major', compensation: { payableFen: 7230 } });
    expect(
      await call('documents.setLetterhead', { ...letterhead, company: ' 速达快递有限公司 ' }),
    ).toEqual(letterhead);
    expect(await call('documents.letterhead', {})).toEqual(letterhead);
    const audited = desk.db.raw
      .prepare(
        `SELECT action, subject, detail FROM audit_log
         WHERE action IN ('complaint_rules_changed', 'letterhead_changed') ORDER BY at, rowid`,
      )
      .all() as { action: string; subject: string; detail: string }[];
    expect(audited.map((a) => [a.action, a.subject])).toEqual([
      ['complaint_rules_changed', 'complaints.rules'],
      ['letterhead_changed', 'documents.letterhead'],
    ]);
    expect(JSON.parse(audited[0]!.detail)).toMatchObject({
      before: expect.stringContaining('"fenPerKg":2000'),
      after: expect.stringContaining('"fenPerKg":3000'),
    });
  });

  it('due today and overdue: the lead finds the ticket once its clock has passed', async () => {
    await open();
    const t = await call('complaints.register', seedCase());
    const today = await call('complaints.list', {
      scope: 'due_today',
      type: null,
      severity: null,
      limit: 50,
    });
    // Registered on a Sunday: the first working day's clock is not due today.
    expect(today.items).toEqual([]);
    desk.clock.t = t.nextDueAt! - 2 * HOUR;
    expect(
      (await call('complaints.list', { scope: 'due_today', type: null, severity: null, limit: 50 }))
        .items[0],
    ).toMatchObject({ id: t.id, overdue: false });
    await signInAs('9001');
    const overdueNow = () =>
      call('complaints.list', { scope: 'overdue', type: null, severity: null, limit: 50 });
    expect((await overdueNow()).items).toEqual([]); // not due yet
    desk.clock.t = t.nextDueAt! + 1;
    const overdue = await call('complaints.list', {
      scope: 'overdue',
      type: null,
      severity: 'ordinary',
      limit: 50,
    });
    expect(overdue.items).toEqual([
      expect.objectContaining({ id: t.id, overdue: true, nextClock: 'investigate' }),
    ]);
    expect(
      (
        await call('complaints.list', {
          scope: 'overdue',
          type: null,
          severity: 'major',
          limit: 50,
        })
      ).items,
    ).toEqual([]);
    const closed = await call('complaints.close', {
      id: t.id,
      paidFen: 4820,
      note: '已赔付48.20元',
    });
    expect(closed).toMatchObject({ closedAt: desk.clock.now(), paidFen: 4820, nextDueAt: null });
    expect(
      (await call('complaints.list', { scope: 'overdue', type: null, severity: null, limit: 50 }))
        .items,
    ).toEqual([]);
    expect(
      (await refused('complaints.advance', { id: t.id, step: 'follow_up', note: null })).code,
    ).toBe('ILLEGAL_TRANSITION');
  });

  it('a changed desk calendar recounts the open tickets’ stored clocks before a list', async () => {
    await open();
    const t = await call('complaints.register', seedCase());
    const listed = async () =>
      (await call('complaints.list', { scope: 'mine', type: null, severity: null, limit: 50 }))
        .items[0]!;
    expect((await listed()).nextDueAt).toBe(t.nextDueAt);
    // The desk rests on the day the first clock falls due: it moves to the next working day.
    const dueDay = localDate(t.nextDueAt!, 'Asia/Shanghai');
    new SettingsRepo(desk.db).set(
      'desk.calendar',
      JSON.stringify({ holidays: [dueDay], extraWorkdays: [] }),
      desk.clock.now(),
    );
    const moved = await listed();
    expect(moved.nextDueAt).toBeGreaterThan(t.nextDueAt!);
    expect(localDate(moved.nextDueAt!, 'Asia/Shanghai')).not.toBe(dueDay);
    expect(moved.nextDueAt).toBe((await call('complaints.get', { id: t.id })).nextDueAt);
  });

  it('the calendar changed before any list ran in this process: still recounted (kept across restarts)', async () => {
    await open();
    const t = await call('complaints.register', seedCase());
    const dueDay = localDate(t.nextDueAt!, 'Asia/Shanghai');
    new SettingsRepo(desk.db).set(
      'desk.calendar',
      JSON.stringify({ holidays: [dueDay], extraWorkdays: [] }),
      desk.clock.now(),
    );
    const first = (
      await call('complaints.list', { scope: 'mine', type: null, severity: null, limit: 50 })
    ).items[0]!;
    expect(first.nextDueAt).toBeGreaterThan(t.nextDueAt!);
    expect(first.nextDueAt).toBe((await call('complaints.get', { id: t.id })).nextDueAt);
  });

  it('photos: chunked into the data folder, type read from the magic bytes; too big or not an image refused', async () => {
    await open();
    const t = await call('complaints.register', seedCase());
    // A PNG padded to span two chunks.
    const photo = Buffer.concat([PNG, Buffer.alloc(700_000, 1)]);
    const begun = await call('complaints.attachBegin', {
      id: t.id,
      fileName: '破损照片.png',
      size: photo.length,
    });
    for (let i = 0, index = 0; i < photo.length; i += begun.chunkBytes, index++) {
      await call('complaints.attachChunk', {
        uploadId: begun.uploadId,
        index,
        base64: photo.subarray(i, i + begun.chunkBytes).toString('base64'),
      });
    }
    const withPhoto = await call('complaints.attachFinish', { uploadId: begun.uploadId });
    expect(withPhoto.attachments).toEqual([
      expect.objectContaining({ fileName: '破损照片.png', mime: 'image/png', size: photo.length }),
    ]);
    const back = await call('complaints.attachment', {
      id: t.id,
      attachmentId: withPhoto.attachments[0]!.id,
    });
    expect(Buffer.from(back.base64, 'base64').equals(photo)).toBe(true);
    expect(readdirSync(join(desk.dataDir, 'complaints', t.id))).toHaveLength(1);

    const before = tableRows(desk, tables);
    // 50 MB: refused before a byte is sent.
    expect(
      await refused('complaints.attachBegin', {
        id: t.id,
        fileName: 'big.jpg',
        size: 50 * 2 ** 20,
      }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'size' }] });
    // A chunk over the schema's cap is refused before it is decoded.
    const big = await call('complaints.attachBegin', {
      id: t.id,
      fileName: 'a.jpg',
      size: maxAttachmentBytes,
    });
    expect(
      (
        await refused('complaints.attachChunk', {
          uploadId: big.uploadId,
          index: 0,
          base64: 'A'.repeat(800_000),
        })
      ).code,
    ).toBe('BAD_ARGUMENT');
    // More bytes than announced.
    const lying = await call('complaints.attachBegin', { id: t.id, fileName: 'a.png', size: 10 });
    expect(
      await refused('complaints.attachChunk', {
        uploadId: lying.uploadId,
        index: 0,
        base64: PNG.toString('base64'),
      }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'file', message: 'too_large' }] });
    // Not an image: a PDF named .jpg.
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    const fake = await call('complaints.attachBegin', {
      id: t.id,
      fileName: 'photo.jpg',
      size: pdf.length,
    });
    await call('complaints.attachChunk', {
      uploadId: fake.uploadId,
      index: 0,
      base64: pdf.toString('base64'),
    });
    expect(await refused('complaints.attachFinish', { uploadId: fake.uploadId })).toMatchObject({
      code: 'BAD_ARGUMENT',
      issues: [{ path: 'file', message: 'not_image' }],
    });
    expect(tableRows(desk, tables)).toEqual(before);
    expect(readdirSync(join(desk.dataDir, 'complaints', t.id))).toHaveLength(1);
    // The refused uploads left no part file behind (the announced one has none yet).
    expect(readdirSync(join(desk.dataDir, 'complaints', 'uploads'))).toEqual([]);
  });

  it('for the other features: open items, a formal handover, counts, letter data', async () => {
    await open();
    const t = await call('complaints.register', seedCase());
    const me = desk.session.current()!.agent.id;
    const items = desk.complaints.openItemsOf(me, desk.clock.now());
    expect(items).toEqual([
      expect.objectContaining({ ticketId: t.id, nextClock: 'investigate', urgency: 'running' }),
    ]);
    expect(desk.complaints.openItemsOf(me, t.nextDueAt! + 1)[0]?.urgency).toBe('overdue');
    const other = desk.db.raw.prepare("SELECT id FROM agents WHERE employee_no = '1003'").get() as {
      id: string;
    };
    expect(() =>
      desk.complaints.transferOwner({
        ticketId: t.id,
        fromAgentId: other.id,
        toAgentId: me,
        byAgentId: me,
        handoverId: 'h-1',
      }),
    ).toThrow(/another owner/);
    desk.complaints.transferOwner({
      ticketId: t.id,
      fromAgentId: me,
      toAgentId: other.id,
      byAgentId: me,
      handoverId: 'h-2',
    });
    const after = await call('complaints.get', { id: t.id });
    expect(after.owner.employeeNo).toBe('1003');
    // The ticket's history says 交接给 1003 — no handover id (an internal identifier) as its text.
    expect(after.events.at(-1)).toMatchObject({
      kind: 'handed_over',
      to: { employeeNo: '1003' },
      note: null,
    });
    expect(desk.complaints.openItemsOf(me, desk.clock.now())).toEqual([]);
    expect(
      desk.complaints.registeredCount({ agentIds: [me], from: 0, to: desk.clock.now() + 1 }),
    ).toBe(1);
    expect(
      desk.complaints.registeredCount({ agentIds: [other.id], from: 0, to: desk.clock.now() + 1 }),
    ).toBe(0);
    expect(desk.complaints.letterData(t.id)).toMatchObject({
      ticketNumber: t.number,
      customerName: '李先生',
      waybillNumbers: ['SF1234567890123'],
      payableFen: 4820,
      requestedFen: 20_000,
      agent: { employeeNo: '1003' },
    });
  });

  it('the monthly summary (leads): counts, paid, average time to close, as XLSX', async () => {
    await open();
    const a = await call('complaints.register', seedCase());
    await call('complaints.register', {
      ...seedCase(),
      cause: 'company',
      facts: { ...seedCase().facts, type: 'delay', requestedFen: null },
    });
    desk.clock.advance(2 * DAY);
    await call('complaints.close', { id: a.id, paidFen: 4820, note: '已赔付' });
    await signInAs('9001');
    const s = await call('complaints.monthlySummary', { month: '2026-11' });
    expect(s).toMatchObject({ registered: 2, closed: 1, paidFen: 4820, averageCloseMs: 2 * DAY });
    expect(s.byType.find((r) => r.key === 'damage')?.count).toBe(1);
    expect(s.byCause.find((r) => r.key === 'company')?.count).toBe(1);
    expect(s.dueAt).toBe(Date.UTC(2026, 11, 3, 9)); // 3 December, 17:00 Beijing
    const file = await call('complaints.summaryExport', { month: '2026-11' });
    expect(file.fileName).toBe('投诉月报-2026-11.xlsx');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const rows = book.worksheets[0]!.getSheetValues().map((r) =>
      Array.isArray(r) ? r.slice(1) : r,
    );
    expect(rows).toContainEqual(['登记件数', '', 2]);
    expect(rows).toContainEqual(['按类型', '破损', 1]);
    expect(rows).toContainEqual(['已付赔偿（元）', '', 48.2]);
    expect(rows).toContainEqual(['平均结案时长（天）', '', 2]);
    expect(existsSync(join(desk.dataDir, 'complaints'))).toBe(false);
  });
});
