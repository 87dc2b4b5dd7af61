import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunView } from '@shared/scripts/contract';
import type { ScriptDoc, ScriptVersion } from '@shared/scripts/model';
import type { TestDesk } from '../../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { fakeInvitation } from '../../../helpers/fake-invitation';
import { allowReadyWithoutPhone } from '../../../helpers/phone-policy';

const HOUR = 3_600_000;

describe('scripts feature (real SQLite, through the dispatcher)', () => {
  let desk: TestDesk;
  const events: string[] = [];

  const call = async (name: string, args: unknown) => desk.dispatcher.dispatch(name, args);
  const ok = async <T = unknown>(name: string, args: unknown): Promise<T> => {
    const out = await call(name, args);
    if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
    return out.value as T;
  };
  const settled = () => new Promise((r) => setImmediate(r));
  const tables = () =>
    Object.fromEntries(
      ['script_versions', 'shipped_scripts', 'call_scripts', 'call_checkpoints', 'audit_log'].map(
        (t) => [
          t,
          desk.db.raw
            .prepare(`SELECT * FROM ${t}`)
            .all()
            .map((r) => JSON.stringify(r))
            .sort(),
        ],
      ),
    );

  function seedCustomer() {
    const now = desk.clock.now();
    desk.db.raw
      .prepare(
        `INSERT INTO customers (id, name, class, province, city, address, created_at)
         VALUES ('c-1', '王芳', 'B', '浙江省', '杭州市', '西湖区文三路 1 号', 0)`,
      )
      .run();
    desk.db.raw
      .prepare("INSERT INTO phones (phone, customer_id) VALUES ('13912345678', 'c-1')")
      .run();
    desk.db.raw
      .prepare(
        `INSERT INTO waybills (id, number, carrier, sender_customer_id, sender_name, sender_phone,
           sender_address, receiver_name, receiver_phone, receiver_address, origin_city, dest_city,
           service_type, item_description, weight_g, insured, freight_fen, status, created_at,
           last_event_at)
         VALUES ('w-1', 'SF1234567890123', 'SF', 'c-1', '王芳', '13912345678', '杭州', '李雷',
           '13700000000', '上海', '杭州市', '上海市', '标快', '文件', 500, 0, 1200, 'IN_TRANSIT', ?, ?)`,
      )
      .run(now - 96 * HOUR, now - 72 * HOUR);
  }

  async function answer(number: string): Promise<string> {
    if (!desk.calls.view().mediaAttached) await ok('media.attach', {});
    desk.calls.onInvite(fakeInvitation({ number }).invitation);
    const callId = desk.calls.view().call!.id;
    await settled();
    await ok('call.answer', { callId });
    return callId;
  }

  const signIn = async (employeeNo: string) => {
    await ok('auth.signIn', { employeeNo, password: TEST_PASSWORD });
  };

  beforeEach(async () => {
    desk = createTestDesk();
    allowReadyWithoutPhone(desk);
    desk.subscribe((event) => events.push(event));
    seedCustomer();
  });
  afterEach(() => {
    desk.cleanup();
    events.length = 0;
  });

  it('loads every shipped script as version 1 (audited) and serves the published ones', async () => {
    await signIn('1001');
    const published = await ok<ScriptVersion[]>('scripts.published', {});
    expect(published.map((v) => [v.key, v.version, v.source]).sort()).toEqual(
      [
        'chase_delivery',
        'claim',
        'complaint',
        'enquiry',
        'generic',
        'key_account',
        'order',
        'redirect',
        'return',
        'tracking',
      ].map((k) => [k, 1, 'shipped']),
    );
    const audit = desk.db.raw
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'script_shipped'")
      .get() as { n: number };
    expect(audit.n).toBe(10);
  });

  it('starts the 催派 script on a call from a customer with a stalled parcel, name and waybill filled in', async () => {
    await signIn('1001');
    await ok('agent.setState', { target: { status: 'ready' } });
    const pop = desk.waybills.screenPop('13912345678');
    expect(pop.waybills[0]!.anomalies.map((a) => a.kind)).toContain('stalled');
    const callId = await answer('13912345678');
    const view = await ok<RunView>('scripts.start', { callId });
    expect(view.startedWith).toEqual({ key: 'chase_delivery', version: 1 });
    expect(view.context.customer).toMatchObject({ name: '王芳', class: 'B' });
    expect(view.context.waybill).toMatchObject({ number: 'SF1234567890123' });
    expect(view.run.step).toBe('open_greet');
    expect(view.open).toEqual([
      'greeting',
      'recording_notice',
      'identity',
      'callback_promise',
      'closing',
    ]);
    // Idempotent: a second start returns the same run.
    expect((await ok<RunView>('scripts.start', { callId })).run).toEqual(view.run);

    const act = (action: unknown) => ok<RunView>('scripts.act', { callId, action });
    await act({ type: 'checkpoint', outcome: 'met' });
    await act({ type: 'checkpoint', outcome: 'met' });
    let v = await act({ type: 'next' }); // confirm the waybill
    expect(v.run.step).toBe('cd_identity');
    v = await act({ type: 'checkpoint', outcome: 'met' });
    expect(v.run.step).toBe('cd_problem');
    await act({ type: 'next' });
    await act({ type: 'checkpoint', outcome: 'skipped' }); // no hold needed
    v = await act({ type: 'capture', input: '2026-11-23 15:00' });
    expect(v.run.values).toEqual({ callback_at: '2026-11-23 15:00' });
    v = await act({ type: 'checkpoint', outcome: 'met' });
    expect(v.open).toEqual(['closing']);

    // Bad input: refused in the engine's words, nothing stored.
    const before = tables();
    const bad = await call('scripts.act', { callId, action: { type: 'capture', input: '随便' } });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', issues: [{ path: 'action', message: 'not_an_option' }] },
    });
    expect(tables()).toEqual(before);

    // Closing with open items needs a reason; the reason is kept with the call.
    const noReason = await call('scripts.close', { callId });
    expect(noReason).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', issues: [{ path: 'reason', message: 'reason_required' }] },
    });
    expect(tables()).toEqual(before);
    const closed = await ok<RunView>('scripts.close', { callId, reason: '客户挂断' });
    expect(closed.closedAt).not.toBeNull();

    const record = await ok('scripts.compliance', { callId });
    expect(record).toMatchObject({
      callId,
      agent: { employeeNo: '1001' },
      script: { key: 'chase_delivery', version: 1, title: '催派' },
      captured: { callback_at: '2026-11-23 15:00' },
      openReason: '客户挂断',
    });
    // Queryable for metrics: one row per item.
    expect(
      desk.db.raw
        .prepare(
          'SELECT item, required, outcome FROM call_checkpoints WHERE call_id = ? ORDER BY item',
        )
        .all(callId),
    ).toEqual([
      { item: 'callback_promise', required: 1, outcome: 'met' },
      { item: 'closing', required: 1, outcome: 'open' },
      { item: 'greeting', required: 1, outcome: 'met' },
      { item: 'hold_etiquette', required: 0, outcome: 'skipped' },
      { item: 'identity', required: 1, outcome: 'met' },
      { item: 'recording_notice', required: 1, outcome: 'met' },
    ]);
    const afterClose = await call('scripts.act', { callId, action: { type: 'back' } });
    expect(afterClose).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
  });

  it('a call keeps the version it started with; the next call runs the newly published one', async () => {
    await signIn('9001');
    await ok('agent.setState', { target: { status: 'ready' } });
    const first = await answer('13912345678');
    await ok('scripts.start', { callId: first });

    const { versions } = await ok<{ versions: ScriptVersion[] }>('scripts.versions', {
      key: 'chase_delivery',
    });
    const doc = structuredClone(versions[0]!.doc) as ScriptDoc;
    const greet = doc.steps.find((s) => s.id === 'open_greet')!;
    if (greet.kind === 'checkpoint')
      greet.text = '您好，{company}，工号{agent.no}，请问有什么可以帮您？';
    const v2 = await ok<ScriptVersion>('scripts.publish', {
      key: 'chase_delivery',
      doc,
      note: '开场语更简短',
      basedOn: 1,
    });
    expect(v2).toMatchObject({ version: 2, source: 'lead', publishedBy: { employeeNo: '9001' } });
    expect(events).toContain('scripts.changed');
    const audit = desk.db.raw
      .prepare("SELECT actor_id, subject, detail FROM audit_log WHERE action = 'script_published'")
      .all() as { subject: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toEqual({
      title: '催派',
      version: 2,
      note: '开场语更简短',
      basedOn: 1,
    });

    // The first call still runs v1.
    const run1 = await ok<RunView>('scripts.act', {
      callId: first,
      action: { type: 'back' },
    }).catch(() => ok<RunView>('scripts.run', { callId: first }));
    expect(run1.startedWith.version).toBe(1);
    expect(run1.doc.steps.find((s) => s.id === 'open_greet')).toMatchObject({
      text: '您好，{company}，工号{agent.no}，很高兴为您服务。',
    });
    await ok('call.hangup', { callId: first });
    await ok('acw.complete', { disposition: 'chase_delivery', next: { status: 'ready' } });

    const second = await answer('13912345678');
    const run2 = await ok<RunView>('scripts.start', { callId: second });
    expect(run2.startedWith).toEqual({ key: 'chase_delivery', version: 2 });
    expect(
      (await ok<{ script: { version: number } }>('scripts.compliance', { callId: first })).script
        .version,
    ).toBe(1);

    // Roll back: v1 republished as v3 (audited); a stale basedOn is refused.
    const v3 = await ok<ScriptVersion>('scripts.rollback', {
      key: 'chase_delivery',
      version: 1,
      note: '恢复原开场语',
    });
    expect(v3.version).toBe(3);
    expect(v3.doc).toEqual(versions[0]!.doc);
    const stale = await call('scripts.publish', {
      key: 'chase_delivery',
      doc,
      note: 'x',
      basedOn: 2,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
  });

  it('refuses an invalid script (cycle, unknown variable, over-long text) and wrong shapes; nothing stored', async () => {
    await signIn('9001');
    const { versions } = await ok<{ versions: ScriptVersion[] }>('scripts.versions', {
      key: 'return',
    });
    const base = versions[0]!.doc;
    const before = tables();
    const withStep = (id: string, change: object): ScriptDoc => ({
      ...base,
      steps: base.steps.map((s) => (s.id === id ? ({ ...s, ...change } as typeof s) : s)),
    });
    const cases: [ScriptDoc, string][] = [
      [withStep('rt_fee', { next: 'rt_reason' }), 'no_way_out'],
      [
        withStep('rt_fee', { text: '运费 {customer.shoeSize}' }),
        'unknown_variable: customer.shoeSize',
      ],
      [withStep('rt_fee', { text: '长'.repeat(301) }), 'too_long: text:300'],
    ];
    for (const [doc, message] of cases) {
      const out = await call('scripts.publish', { key: 'return', doc, note: '测试', basedOn: 1 });
      expect(out, message).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
      expect(!out.ok && out.error.issues?.map((i) => i.message)).toContain(message);
    }
    const shapes = [
      { key: 'return', doc: { ...base, steps: 'none' }, note: '测试', basedOn: 1 },
      { key: 'return', doc: base, note: '', basedOn: 1 },
      { key: 'nope', doc: base, note: '测试', basedOn: 1 },
      { key: 'return', doc: { ...base, extra: 1 }, note: '测试', basedOn: 1 },
      { key: 'return', doc: base, note: 'x'.repeat(201), basedOn: 1 },
    ];
    for (const args of shapes) {
      expect(await call('scripts.publish', args), JSON.stringify(args).slice(0, 60)).toMatchObject({
        ok: false,
        error: { code: 'BAD_ARGUMENT' },
      });
    }
    const wrongKey = await call('scripts.publish', {
      key: 'claim',
      doc: base,
      note: '测试',
      basedOn: 1,
    });
    expect(wrongKey).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    expect(
      await call('scripts.rollback', { key: 'return', version: 9, note: '测试' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(tables()).toEqual(before);
  });

  it('gives agents FORBIDDEN on every editing request, nothing stored', async () => {
    await signIn('1001');
    const before = tables();
    const doc = (await ok<ScriptVersion[]>('scripts.published', {})).find(
      (v) => v.key === 'return',
    )!.doc;
    for (const [name, args] of [
      ['scripts.versions', { key: 'return' }],
      ['scripts.publish', { key: 'return', doc, note: '改', basedOn: 1 }],
      ['scripts.rollback', { key: 'return', version: 1, note: '回滚' }],
    ] as const) {
      expect(await call(name, args), name).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(tables()).toEqual(before);
  });

  it('refuses runs of other calls, other agents and bad arguments', async () => {
    expect(await call('scripts.published', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    await signIn('1001');
    await ok('agent.setState', { target: { status: 'ready' } });
    expect(await call('scripts.start', { callId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const callId = await answer('13800000000');
    const unknown = await ok<RunView>('scripts.start', { callId });
    expect(unknown.startedWith.key).toBe('generic');
    expect(unknown.context.customer).toBeNull();
    const before = tables();
    for (const args of [
      { callId, action: { type: 'jump' } },
      { callId, action: { type: 'capture', input: 'x'.repeat(201) } },
      { callId, action: { type: 'switch', script: 'nope' } },
      { callId: '', action: { type: 'next' } },
      { callId, action: { type: 'next' }, extra: true },
    ]) {
      expect(await call('scripts.act', args), JSON.stringify(args)).toMatchObject({
        ok: false,
        error: { code: 'BAD_ARGUMENT' },
      });
    }
    expect(await call('scripts.close', { callId, reason: 'x'.repeat(201) })).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT' },
    });
    expect(tables()).toEqual(before);
    // Switching the call type with one key keeps what was done.
    await ok('scripts.act', { callId, action: { type: 'checkpoint', outcome: 'met' } });
    const sw = await ok<RunView>('scripts.act', {
      callId,
      action: { type: 'switch', script: 'enquiry' },
    });
    expect(sw.run.script).toBe('enquiry');
    expect(sw.run.checkpoints.greeting).toBe('met');
  });
});
