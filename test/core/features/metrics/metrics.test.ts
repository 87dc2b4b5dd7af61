import { afterEach, describe, expect, it } from 'vitest';
import type { RequestArgs, RequestName, RequestResult } from '@shared/contract';
import { maxQueueLogChars } from '@shared/metrics/contract';
import type { TestDesk } from '../../../helpers/desk';
import { TEST_PASSWORD, addAgent, createTestDesk } from '../../../helpers/desk';
import { tableRows } from '../../../helpers/refusals';

const S = 1000;
const MIN = 60 * S;
// The test clock starts 2026-11-22 09:00 Asia/Shanghai; the queue log is of that morning.
const t0 = Date.UTC(2026, 10, 22, 0, 0, 0) / 1000; // 08:00 local
const queueLog = [
  `${t0 - 60}|NONE|NONE|NONE|QUEUESTART||||`,
  `${t0}|q.1|kefu|NONE|ENTERQUEUE||13800138000|1`,
  `${t0 + 12}|q.1|kefu|PJSIP/1001|CONNECT|12|q.1b|7`,
  `${t0 + 60}|q.2|kefu|NONE|ENTERQUEUE||13900139000|1`,
  `${t0 + 95}|q.2|kefu|PJSIP/1001|CONNECT|35|q.2b|4`,
  'this is not a queue_log line',
  `${t0 + 100}|q.3|kefu|NONE|ENTERQUEUE||13700137000|1`,
  `${t0 + 148}|q.3|kefu|NONE|ABANDON|1|1|48`,
  `yesterday|q.4|kefu|NONE|ENTERQUEUE||1|1`,
  `${t0 + 300}|q.5|kefu|NONE|ENTERQUEUE||01087654321|1`,
  `${t0 + 420}|q.5|kefu|NONE|EXITWITHTIMEOUT|1|1|abc`,
  `${t0 + 500}|q.6|kefu|NONE|ENTERQUEUE||13600136000|1`,
  `${t0 + 503}|q.6|kefu|PJSIP/1002|CONNECT|3|q.6b|2`,
].join('\n');

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

  const call = async <N extends RequestName>(name: N, args: RequestArgs<N>) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return outcome.value as RequestResult<N>;
  };
  const refused = async (name: RequestName, args: unknown) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (outcome.ok) throw new Error(`${name} was accepted`);
    return outcome.error;
  };
  const everything = () => tableRows(desk, watched);
  const agentId = (no: string) =>
    (desk.db.raw.prepare('SELECT id FROM agents WHERE employee_no = ?').get(no) as { id: string })
      .id;

  async function open(employeeNo: string) {
    desk = createTestDesk();
    await desk.session.signIn(employeeNo, TEST_PASSWORD);
  }
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
      ['metrics.importQueueLog', { fileName: 'queue_log', text: queueLog }],
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

  it('queue_log import: malformed lines reported by line number, the rest imported; the same lines again change nothing', async () => {
    await open('9001');
    const before = await call('metrics.team', { fromDay: '2026-11-22', toDay: '2026-11-22' });
    expect(before.queue).toBeNull();
    const r = await call('metrics.importQueueLog', { fileName: 'queue_log', text: queueLog });
    expect(r.problems).toEqual([
      { line: 6, reason: 'too_few_fields' },
      { line: 9, reason: 'bad_time' },
      { line: 11, reason: 'bad_number' },
    ]);
    expect(r).toMatchObject({ linesRead: 13, calls: 4, newCalls: 4, problemCount: 3, ignored: 1 });
    const view = await call('metrics.team', { fromDay: '2026-11-22', toDay: '2026-11-22' });
    expect(view.queue).toEqual({
      offered: 4,
      answered: 3,
      abandoned: 1,
      serviceLevel: 2 / 4, // 12 s and 3 s within 20 s
      thresholdSeconds: 20,
      abandonRate: 1 / 4,
      asaSeconds: (12 + 35 + 3) / 3,
      longestWaitSeconds: 48,
      averageTimeToAbandonSeconds: 48,
    });
    const again = await call('metrics.importQueueLog', { fileName: 'queue_log', text: queueLog });
    expect(again).toMatchObject({ calls: 4, newCalls: 0 });
    expect(
      (await call('metrics.team', { fromDay: '2026-11-22', toDay: '2026-11-22' })).queue,
    ).toEqual(view.queue);
    expect(
      desk.db.raw
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'queue_log_import'")
        .get(),
    ).toEqual({ n: 2 });
  });

  it('bad queue logs: 100 MB of garbage refused by size before parsing; a file of nothing but garbage refused; nothing changed', async () => {
    await open('9001');
    const before = everything();
    const garbage = 'x'.repeat(100 * 1024 * 1024);
    const big = await refused('metrics.importQueueLog', { fileName: 'big.log', text: garbage });
    expect(big).toMatchObject({
      code: 'BAD_ARGUMENT',
      issues: [{ path: 'text', message: 'too_long' }],
    });
    const justOver = await refused('metrics.importQueueLog', {
      fileName: 'x.log',
      text: 'y'.repeat(maxQueueLogChars + 1),
    });
    expect(justOver).toMatchObject({ issues: [{ path: 'text', message: 'too_long' }] });
    const junk = await refused('metrics.importQueueLog', {
      fileName: 'photo.jpg',
      text: '\u00ff\u00d8\u00ff\u00e0 JFIF\nnot|a|log\n',
    });
    expect(junk).toMatchObject({
      code: 'BAD_ARGUMENT',
      issues: [{ path: 'text', message: 'unreadable' }],
    });
    for (const args of [
      { fileName: '', text: queueLog },
      { fileName: 'q', text: 42 },
      { fileName: 'q' },
    ]) {
      expect((await refused('metrics.importQueueLog', args)).code).toBe('BAD_ARGUMENT');
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
    expect(
      desk.db.raw
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'metrics_export'")
        .get(),
    ).toEqual({ n: 3 });
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
