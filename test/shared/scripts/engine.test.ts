import { describe, expect, it } from 'vitest';
import type { RunContext } from '@shared/scripts/context';
import { premiumFen } from '@shared/scripts/context';
import { readCapture } from '@shared/scripts/fields';
import type { Catalog, ScriptDoc, ScriptDocInput } from '@shared/scripts/model';
import { scriptDocSchema, scriptLimits } from '@shared/scripts/model';
import type { RunAction, RunState } from '@shared/scripts/run';
import { advance, openCheckpoints, renderText, startRun } from '@shared/scripts/run';
import { validateScript } from '@shared/scripts/validate';

const ctx: RunContext = {
  company: '示例速递',
  agent: { employeeNo: '1001', name: '张伟' },
  call: { direction: 'inbound', number: '13812345678' },
  customer: { name: '王芳', class: 'A', keyAccountTier: null },
  waybill: {
    number: 'SF1234567890123',
    status: 'STALLED',
    promisedAt: Date.UTC(2026, 11, 3, 8),
    anomalies: ['stalled'],
  },
  insurance: { rateBp: 50, minPremiumFen: 100 },
  timeZone: 'Asia/Shanghai',
};

/** A small script with every step kind. */
const base: ScriptDocInput = {
  key: 'tracking',
  title: '查件（测试）',
  required: ['greeting', 'recording_notice', 'identity', 'closing'],
  start: 'greet',
  steps: [
    {
      id: 'greet',
      kind: 'checkpoint',
      item: 'greeting',
      text: '您好，{company}，工号{agent.no}。',
      next: 'rec',
    },
    {
      id: 'rec',
      kind: 'checkpoint',
      item: 'recording_notice',
      text: '本次通话将被录音。',
      next: 'hello',
    },
    {
      id: 'hello',
      kind: 'say',
      text: '{customer.name}您好，您的快件 {waybill.number}（{waybill.status}）。',
      next: 'id',
    },
    { id: 'id', kind: 'checkpoint', item: 'identity', text: '核实身份', next: 'flags' },
    {
      id: 'flags',
      kind: 'branch',
      cases: [{ when: [{ on: 'anomaly', in: ['stalled'] }], to: 'when' }],
      otherwise: 'bye',
    },
    {
      id: 'when',
      kind: 'ask',
      text: '方便回电的时间？',
      field: { id: 'callback_at', type: 'datetime', label: '回电时间' },
      next: 'value',
    },
    {
      id: 'value',
      kind: 'ask',
      text: '价值？',
      field: { id: 'declared_value', type: 'money', label: '价值' },
      next: 'big',
    },
    {
      id: 'big',
      kind: 'branch',
      cases: [
        { when: [{ on: 'field', field: 'declared_value', op: 'gt', value: 100_000 }], to: 'again' },
      ],
      otherwise: 'promise',
    },
    { id: 'again', kind: 'jump', to: 'promise' },
    {
      id: 'promise',
      kind: 'say',
      text: '我们会在 {field.callback_at} 前回电，保价费 {quote.premium}。',
      next: 'bye',
    },
    { id: 'bye', kind: 'checkpoint', item: 'closing', text: '再见。', next: 'end' },
    { id: 'end', kind: 'end', disposition: 'tracking' },
  ],
};
const parse = (d: ScriptDocInput): ScriptDoc => scriptDocSchema.parse(d);
const doc = parse(base);
const catalog: Catalog = { tracking: doc };

function run(actions: RunAction[], c: RunContext = ctx, cat: Catalog = catalog): RunState {
  const r = startRun(cat, 'tracking', c);
  if (!r.ok) throw new Error(r.error);
  let s = r.state;
  for (const a of actions) {
    const n = advance(s, a, cat, c);
    if (!n.ok) throw new Error(`${a.type}: ${n.error}`);
    s = n.state;
  }
  return s;
}
const met = { type: 'checkpoint', outcome: 'met' } as const;

describe('script engine: running', () => {
  it('walks say, checkpoint, branch, ask, jump and end; records the path and the disposition', () => {
    const s = run([
      met,
      met,
      { type: 'next' },
      met,
      { type: 'capture', input: '2026-12-03 15:00' },
      { type: 'capture', input: '2000' },
      { type: 'next' },
      met,
    ]);
    expect(s.step).toBe('end');
    expect(s.ended).toEqual({ disposition: 'tracking' });
    expect(s.values).toEqual({ callback_at: '2026-12-03 15:00', declared_value: 200_000 });
    expect(s.path).toEqual([
      'tracking:greet',
      'tracking:rec',
      'tracking:hello',
      'tracking:id',
      'tracking:flags#0',
      'tracking:when',
      'tracking:value',
      'tracking:big#0',
      'tracking:again',
      'tracking:promise',
      'tracking:bye',
      'tracking:end',
    ]);
    expect(openCheckpoints(s)).toEqual([]);
  });

  it('takes `otherwise` when no case holds (no anomaly) and leaves skipped items open', () => {
    const c = { ...ctx, waybill: { ...ctx.waybill!, anomalies: [] } };
    const s = run([met, met, { type: 'next' }, { type: 'checkpoint', outcome: 'skipped' }], c);
    expect(s.step).toBe('bye');
    expect(s.checkpoints.identity).toBe('skipped');
    expect(openCheckpoints(s)).toEqual(['identity', 'closing']);
  });

  it('goes back step by step, undoing the captures made after that point', () => {
    const at = run([
      met,
      met,
      { type: 'next' },
      met,
      { type: 'capture', input: '2026-12-03 15:00' },
    ]);
    expect(at.step).toBe('value');
    const back = advance(at, { type: 'back' }, catalog, ctx);
    expect(back.ok && back.state.step).toBe('when');
    expect(back.ok && back.state.values).toEqual({});
    expect(back.ok && back.state.path.at(-1)).toBe('tracking:when');
    const start = run([]);
    expect(advance(start, { type: 'back' }, catalog, ctx)).toEqual({
      ok: false,
      error: 'no_history',
    });
  });

  it('refuses actions that do not fit the step, and bad input, leaving the state as it was', () => {
    const s = run([]);
    expect(advance(s, { type: 'next' }, catalog, ctx)).toEqual({
      ok: false,
      error: 'wrong_step_kind',
    });
    const ask = run([met, met, { type: 'next' }, met]);
    expect(advance(ask, { type: 'capture', input: '明天下午' }, catalog, ctx)).toEqual({
      ok: false,
      error: 'not_a_datetime',
    });
    expect(advance(ask, { type: 'capture', input: '' }, catalog, ctx)).toEqual({
      ok: false,
      error: 'required',
    });
    expect(advance(ask, met, catalog, ctx)).toEqual({ ok: false, error: 'wrong_step_kind' });
    expect(advance(ask, { type: 'goto', step: 'nope' }, catalog, ctx)).toEqual({
      ok: false,
      error: 'unknown_step',
    });
    expect(ask.values).toEqual({});
  });

  it('goes to a step found by search, and switches script keeping captures and checkpoints', () => {
    const s = run([met, { type: 'goto', step: 'bye' }]);
    expect(s.step).toBe('bye');
    const other = parse({ ...base, key: 'complaint', title: '投诉' });
    const cat: Catalog = { tracking: doc, complaint: other };
    const sw = run([met, { type: 'switch', script: 'complaint' }], ctx, cat);
    expect(sw.script).toBe('complaint');
    expect(sw.step).toBe('greet');
    expect(sw.checkpoints.greeting).toBe('met');
    const missing = advance(run([]), { type: 'switch', script: 'claim' }, catalog, ctx);
    expect(missing).toEqual({ ok: false, error: 'unknown_script' });
  });

  it('jumps into another script at a named step; its required items join the run', () => {
    const jump = parse({
      ...base,
      key: 'generic',
      required: ['greeting', 'recording_notice', 'closing'],
      start: 'go',
      steps: [{ id: 'go', kind: 'jump', script: 'tracking', to: 'id' }],
    });
    const r = startRun({ generic: jump, tracking: doc }, 'generic', ctx);
    expect(r.ok && r.state.script).toBe('tracking');
    expect(r.ok && r.state.step).toBe('id');
    expect(r.ok && r.state.required).toEqual([
      'greeting',
      'recording_notice',
      'identity',
      'closing',
    ]);
    expect(r.ok && r.state.path).toEqual(['generic:go', 'tracking:id']);
  });

  it('gives up on a runtime loop of branches instead of hanging', () => {
    const loop = parse({
      ...base,
      start: 'a',
      steps: [
        {
          id: 'a',
          kind: 'branch',
          cases: [{ when: [{ on: 'has_waybill', is: true }], to: 'b' }],
          otherwise: 'e',
        },
        { id: 'b', kind: 'jump', to: 'a' },
        { id: 'e', kind: 'end', disposition: 'other' },
      ],
    });
    expect(startRun({ tracking: loop }, 'tracking', ctx)).toEqual({ ok: false, error: 'loop' });
  });
});

describe('script engine: text and variables', () => {
  it('fills variables from the call, masks the caller and shows unknown ones as placeholders', () => {
    const segs = renderText(
      '{customer.name}，{caller.masked}，{waybill.promised}，{field.callback_at}',
      ctx,
      {},
      doc,
    );
    expect(segs).toEqual([
      { kind: 'var', name: 'customer.name', value: '王芳' },
      { kind: 'text', text: '，' },
      { kind: 'var', name: 'caller.masked', value: '138****5678' },
      { kind: 'text', text: '，' },
      { kind: 'var', name: 'waybill.promised', value: '2026-12-03' },
      { kind: 'text', text: '，' },
      { kind: 'var', name: 'field.callback_at', value: null },
    ]);
    const unknown = renderText(
      '{customer.name}{waybill.status}',
      { ...ctx, customer: null, waybill: null },
      {},
    );
    expect(unknown.every((s) => s.kind === 'var' && s.value === null)).toBe(true);
    expect(JSON.stringify(unknown)).not.toContain('undefined');
  });

  it('works out the 保价 premium from the declared value (max of rate and minimum)', () => {
    expect(premiumFen(200_000, { rateBp: 50, minPremiumFen: 100 })).toBe(1000);
    expect(premiumFen(1000, { rateBp: 50, minPremiumFen: 100 })).toBe(100);
    const segs = renderText(
      '{quote.premium} {field.declared_value}',
      ctx,
      { declared_value: 200_000 },
      doc,
    );
    expect(segs.map((s) => (s.kind === 'var' ? s.value : s.text))).toEqual([
      '¥10.00',
      ' ',
      '¥2000.00',
    ]);
  });

  it('reads each field type, refusing what does not fit', () => {
    const f = (type: string, options?: string[]) =>
      ({ id: 'x', type, label: 'x', required: true, ...(options && { options }) }) as Parameters<
        typeof readCapture
      >[0];
    expect(readCapture(f('money'), '12.5')).toEqual({ ok: true, value: 1250 });
    expect(readCapture(f('money'), '¥3元')).toEqual({ ok: true, value: 300 });
    expect(readCapture(f('money'), '-1')).toEqual({ ok: false, error: 'not_money' });
    expect(readCapture(f('number'), 'abc')).toEqual({ ok: false, error: 'not_a_number' });
    expect(readCapture(f('phone'), '+86 138 1234 5678')).toEqual({
      ok: true,
      value: '13812345678',
    });
    expect(readCapture(f('phone'), 'abc')).toEqual({ ok: false, error: 'not_a_phone' });
    expect(readCapture(f('waybill'), 'sf 1234567890123')).toEqual({
      ok: true,
      value: 'SF1234567890123',
    });
    expect(readCapture(f('waybill'), '你好')).toEqual({ ok: false, error: 'not_a_waybill' });
    expect(readCapture(f('choice', ['是', '否']), '否')).toEqual({ ok: true, value: '否' });
    expect(readCapture(f('choice', ['是', '否']), '也许')).toEqual({
      ok: false,
      error: 'not_an_option',
    });
    expect(readCapture(f('date'), '2026年2月30日')).toEqual({ ok: false, error: 'not_a_date' });
    expect(readCapture(f('date'), '2026/2/3')).toEqual({ ok: true, value: '2026-02-03' });
    expect(readCapture(f('datetime'), '2026-12-03 9:05')).toEqual({
      ok: true,
      value: '2026-12-03 09:05',
    });
    expect(readCapture(f('text'), 'x'.repeat(scriptLimits.captureMax + 1))).toEqual({
      ok: false,
      error: 'too_long',
    });
    expect(readCapture({ ...f('text'), required: false }, '  ')).toEqual({ ok: true, value: null });
  });
});

describe('script engine: validation names the step of each defect', () => {
  const problems = (patch: (d: ScriptDocInput) => ScriptDocInput, catalog?: Catalog) =>
    validateScript(parse(patch(structuredClone(base))), catalog);
  const edit = (id: string, change: Record<string, unknown>) => (d: ScriptDocInput) => ({
    ...d,
    steps: d.steps.map((s) => (s.id === id ? ({ ...s, ...change } as typeof s) : s)),
  });

  it('accepts the sample script', () => expect(validateScript(doc)).toEqual([]));

  it('refuses an unknown target, start and script', () => {
    expect(problems(edit('hello', { next: 'nowhere' }))).toContainEqual({
      code: 'unknown_target',
      step: 'hello',
      detail: 'nowhere',
    });
    expect(problems((d) => ({ ...d, start: 'nope' }))).toContainEqual({
      code: 'unknown_start',
      detail: 'nope',
    });
    expect(problems(edit('again', { script: 'claim', to: 'x' }), { tracking: doc })).toContainEqual(
      {
        code: 'unknown_script',
        step: 'again',
        detail: 'claim',
      },
    );
  });

  it('refuses an unknown variable and an unknown field in a condition', () => {
    expect(problems(edit('hello', { text: '您好 {customer.age}' }))).toContainEqual({
      code: 'unknown_variable',
      step: 'hello',
      detail: 'customer.age',
    });
    expect(problems(edit('promise', { text: '{field.nothing}' }))).toContainEqual({
      code: 'unknown_variable',
      step: 'promise',
      detail: 'field.nothing',
    });
    expect(
      problems(
        edit('big', {
          cases: [{ when: [{ on: 'field', field: 'ghost', op: 'set' }], to: 'again' }],
        }),
      ),
    ).toContainEqual({ code: 'unknown_field', step: 'big', detail: 'ghost' });
    expect(
      problems(
        edit('big', {
          cases: [{ when: [{ on: 'field', field: 'callback_at', op: 'eq' }], to: 'again' }],
        }),
      ),
    ).toContainEqual({ code: 'bad_condition', step: 'big', detail: 'callback_at' });
  });

  it('refuses an unreachable step and a checkpoint no path reaches', () => {
    const p = problems(edit('hello', { next: 'flags' }));
    expect(p).toContainEqual({ code: 'unreachable', step: 'id' });
    expect(p).toContainEqual({ code: 'missing_required', detail: 'identity' });
  });

  it('refuses a jump cycle with no way out', () => {
    const p = problems((d) =>
      edit('big', { otherwise: 'again' })(edit('again', { to: 'value' })(d)),
    );
    for (const step of ['when', 'value', 'big', 'again'])
      expect(p).toContainEqual({ code: 'no_way_out', step });
    // A loop with a way out (the otherwise branch) is fine.
    expect(problems(edit('again', { to: 'value' }))).toEqual([]);
  });

  it('refuses a script without the always-required items and one missing a listed item', () => {
    expect(problems((d) => ({ ...d, required: ['greeting', 'closing'] }))).toContainEqual({
      code: 'required_not_listed',
      detail: 'recording_notice',
    });
    expect(problems((d) => ({ ...d, required: [...d.required, 'read_back'] }))).toContainEqual({
      code: 'missing_required',
      detail: 'read_back',
    });
  });

  it('refuses filling in the waybill before the 保价 rules are stated (Art. 21)', () => {
    expect(problems(edit('value', { fillsWaybill: true }))).toContainEqual({
      code: 'insurance_after_waybill',
      step: 'value',
    });
    const guarded = (d: ScriptDocInput): ScriptDocInput => ({
      ...edit('value', { fillsWaybill: true })(edit('when', { next: 'ins' })(d)),
      steps: [
        ...edit('value', { fillsWaybill: true })(edit('when', { next: 'ins' })(d)).steps,
        { id: 'ins', kind: 'checkpoint', item: 'insurance_rules', text: '保价规则', next: 'value' },
      ],
    });
    expect(problems(guarded)).toEqual([]);
  });

  it('refuses over-long text, duplicate steps, empty text and bad options', () => {
    expect(problems(edit('hello', { text: '长'.repeat(scriptLimits.textMax + 1) }))).toContainEqual(
      {
        code: 'too_long',
        step: 'hello',
        detail: `text:${scriptLimits.textMax}`,
      },
    );
    expect(problems((d) => ({ ...d, steps: [...d.steps, d.steps[0]!] }))).toContainEqual({
      code: 'duplicate_step',
      step: 'greet',
    });
    expect(problems(edit('hello', { text: '  ' }))).toContainEqual({
      code: 'empty_text',
      step: 'hello',
    });
    expect(
      problems(
        edit('when', { field: { id: 'callback_at', type: 'choice', label: 'x', options: ['一'] } }),
      ),
    ).toContainEqual({ code: 'bad_options', step: 'when', detail: 'callback_at' });
  });

  it('refuses a document of the wrong shape before validation (zod)', () => {
    expect(
      scriptDocSchema.safeParse({ ...base, steps: [{ id: 'x', kind: 'shout', text: '' }] }).success,
    ).toBe(false);
    expect(scriptDocSchema.safeParse({ ...base, key: 'unknown' }).success).toBe(false);
    expect(scriptDocSchema.safeParse({ ...base, start: 'Bad Id' }).success).toBe(false);
  });
});
