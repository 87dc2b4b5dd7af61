import { afterEach, describe, expect, it } from 'vitest';
import type { TestDesk } from '../../../helpers/desk';
import { TEST_PASSWORD, addAgent } from '../../../helpers/desk';
import { tableRows } from '../../../helpers/refusals';
import { auditCount, dispatcherRequests, signedInDesk } from '../../../helpers/requests';

const S = 1000;
const MIN = 60 * S;
const watched = [
  'metric_queue_calls',
  'metric_queue_imports',
  'metric_agent_days',
  'audit_log',
  'calls',
  'agent_state_log',
];

describe('metrics through the dispatcher', () => {
  let desk: TestDesk;
  afterEach(() => desk?.cleanup());

  const { call, refused } = dispatcherRequests(() => desk);
  const everything = () => tableRows(desk, watched);
  const agentId = (no: string) =>
    (desk.db.raw.prepare('SELECT id FROM agents WHERE employee_no = ?').get(no) as { id: string })
      .id;

  const open = async (employeeNo: string) => {
    desk = await signedInDesk(employeeNo);
  };
  /** One answered call of agent 1001 this morning: 2 min talk, 30 s ACW. */
  function answeredCall(id: string, at: number) {
    desk.db.raw
      .prepare(
        `INSERT INTO calls (id, agent_id, direction, remote_number, offered_at, answered_at,
           ended_at, end_cause, acw_ended_at)
         VALUES (?, ?, 'inbound', '13800138000', ?, ?, ?, 'remote_hangup', ?)`,
      )
      .run(
        id,
        agentId('1001'),
        at,
        at + 5 * S,
        at + 5 * S + 2 * MIN,
        at + 5 * S + 2 * MIN + 30 * S,
      );
  }

  it("an agent's own panel: counts, averages, and null (no data) where nothing was recorded; queue figures unavailable", async () => {
    await open('1001');
    const empty = await call('metrics.panel', { agentId: null });
    expect(empty.agent.employeeNo).toBe('1001');
    expect(empty.today.figures).toMatchObject({
      offered: 0,
      handled: 0,
      ahtMs: null,
      answerRate: null,
      fcr: null,
      orderAccuracy: null,
      insuranceTakeUp: null,
      scriptCompliance: null,
      adherence: null,
    });
    expect(empty.queueToday).toBeNull(); // no queue_log imported: unavailable, not zero
    expect(empty.shift).not.toBeNull(); // signed in: this shift

    answeredCall('c1', desk.clock.now() - 30 * MIN);
    desk.clock.advance(5 * MIN);
    const p = await call('metrics.panel', { agentId: null });
    expect(p.today.figures).toMatchObject({
      offered: 1,
      answered: 1,
      handled: 1,
      averageTalkMs: 2 * MIN,
      averageAcwMs: 30 * S,
      ahtMs: 2 * MIN + 30 * S,
      answerRate: 1,
      withinStandard: 1,
      complaintsRegistered: 0, // the complaints domain is wired: its count, not "no data"
    });
    expect(p.week.figures.handled).toBe(1);
    // The call was before this shift began: the shift has none.
    expect(p.shift!.figures.handled).toBe(0);
    // The state log since sign-in counts up to now (open span).
    const stateTotal = Object.values(p.shift!.figures.stateMs).reduce((a, b) => a + b, 0);
    expect(stateTotal).toBe(5 * MIN);
    expect(p.targets.ahtMs).toBe(180_000);

    const series = await call('metrics.series', { agentId: null, day: p.today.day });
    expect(series.hours).toHaveLength(24);
    expect(series.hours[8]!.calls).toBe(1); // 08:30 local
    expect(series.days.at(-1)).toMatchObject({ day: p.today.day, handled: 1, ahtMs: 150_000 });
  });

  it('lead-only requests: an agent gets FORBIDDEN and nothing changes', async () => {
    await open('1001');
    const lead = agentId('9001');
    const before = everything();
    for (const [name, args] of [
      ['metrics.team', { fromDay: '2026-11-01', toDay: '2026-11-22' }],
      ['metrics.queueLogBegin', { fileName: 'queue_log', size: 1000 }],
      ['metrics.panel', { agentId: lead }],
      ['metrics.series', { agentId: lead, day: '2026-11-22' }],
      [
        'metrics.export',
        { report: 'team', fromDay: '2026-11-01', toDay: '2026-11-22', format: 'csv' },
      ],
      ['metrics.export', { report: 'shift', agentId: lead, format: 'xlsx' }],
    ] as const) {
      expect((await refused(name, args)).code, name).toBe('FORBIDDEN');
    }
    expect(everything()).toEqual(before);
  });

  it('bad arguments: reversed or over-long ranges, bad days, unknown agents — refused, nothing changed', async () => {
    await open('9001');
    const before = everything();
    expect(
      (await refused('metrics.team', { fromDay: '2026-11-22', toDay: '2026-11-01' })).code,
    ).toBe('BAD_ARGUMENT');
    expect(
      (await refused('metrics.team', { fromDay: '2026-01-01', toDay: '2026-11-01' })).code,
    ).toBe('BAD_ARGUMENT');
    expect(
      (await refused('metrics.team', { fromDay: '2026/11/01', toDay: '2026-11-02' })).code,
    ).toBe('BAD_ARGUMENT');
    expect((await refused('metrics.series', { agentId: null, day: 'today' })).code).toBe(
      'BAD_ARGUMENT',
    );
    expect((await refused('metrics.panel', { agentId: 'nobody' })).code).toBe('NOT_FOUND');
    expect((await refused('metrics.export', { report: 'team', format: 'pdf' })).code).toBe(
      'BAD_ARGUMENT',
    );
    expect(everything()).toEqual(before);
  });

  it("the lead's team view: each agent with the current state; exports as XLSX (read back) and CSV (BOM, formulas neutralised)", async () => {
    await open('1001');
    answeredCall('c1', desk.clock.now() - 30 * MIN);
    addAgent(desk.db, { employeeNo: '1003', name: '=HYPERLINK("x")', role: 'agent' });
    desk.session.signOut();
    await desk.session.signIn('9001', TEST_PASSWORD);
    const view = await call('metrics.team', { fromDay: '2026-11-16', toDay: '2026-11-22' });
    const byNo = new Map(view.rows.map((r) => [r.agent.employeeNo, r]));
    expect(byNo.get('1001')!.figures.handled).toBe(1);
    expect(byNo.get('1001')!.state).toBeNull(); // signed out
    expect(byNo.get('9001')!.state).not.toBeNull(); // signed in now
    expect(byNo.get('1003')!.figures.ahtMs).toBeNull();
    expect(view.team.ahtMs).toBe(150_000);

    const xlsx = await call('metrics.export', {
      report: 'team',
      fromDay: '2026-11-16',
      toDay: '2026-11-22',
      format: 'xlsx',
    });
    expect(xlsx.fileName).toBe('全组报表-2026-11-16-2026-11-22.xlsx');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['座席', '工号', '呼入量']);
    const ahtCol = header.indexOf('平均处理时长（秒）') + 1;
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 2) rows.set(String(row.getCell(2).value), (row.values as unknown[]).slice(1));
    });
    expect(rows.get('1001')![ahtCol - 1]).toBe(150);
    expect(rows.get('1003')![ahtCol - 1]).toBe('无数据');
    expect(sheet.getRow(3).getCell(ahtCol).numFmt).toBe('0.0');

    const csv = await call('metrics.export', {
      report: 'team',
      fromDay: '2026-11-16',
      toDay: '2026-11-22',
      format: 'csv',
    });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

    const shift = await call('metrics.export', {
      report: 'shift',
      agentId: agentId('1001'),
      format: 'csv',
    });
    const shiftText = Buffer.from(shift.base64, 'base64').toString('utf8');
    expect(shiftText).toContain('指标,本班次,全组今日平均');
    expect(auditCount(desk, 'metrics_export')).toBe(3);
  });

  it("the handover book's snapshot: the shift's figures as plain JSON", async () => {
    await open('1001');
    const session = desk.session.requireSession();
    answeredCall('c1', desk.clock.now() + MIN);
    desk.clock.advance(10 * MIN);
    const snap = desk.metrics.shiftSnapshot(session.agent.id, session.shift.id);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap).toMatchObject({ shiftId: session.shift.id, open: true });
    expect(snap.figures.handled).toBe(1);
    expect(() => desk.metrics.shiftSnapshot(agentId('9001'), session.shift.id)).toThrow(/shift/);
  });
});
