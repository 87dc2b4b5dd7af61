import { describe, expect, it } from 'vitest';
import type { RunContext } from '@shared/scripts/context';
import type { CallEvidence, HoldEtiquette } from '@shared/scripts/evidence';
import {
  applyEvidence,
  confirmHoldPhrases,
  holdEtiquetteMet,
  noEvidence,
  recordedInsurance,
} from '@shared/scripts/evidence';
import type { Catalog, ScriptDoc } from '@shared/scripts/model';
import { scriptDocSchema } from '@shared/scripts/model';
import type { RunState } from '@shared/scripts/run';
import { advance, openCheckpoints, startRun } from '@shared/scripts/run';

const doc: ScriptDoc = scriptDocSchema.parse({
  key: 'order',
  title: '下单',
  required: ['greeting', 'recording_notice', 'insurance_rules', 'closing'],
  start: 'greet',
  steps: [
    { id: 'greet', kind: 'checkpoint', item: 'greeting', text: '您好', next: 'rec' },
    { id: 'rec', kind: 'checkpoint', item: 'recording_notice', text: '录音', next: 'ins' },
    { id: 'ins', kind: 'checkpoint', item: 'insurance_rules', text: '保价规则', next: 'bye' },
    { id: 'bye', kind: 'checkpoint', item: 'closing', text: '再见', next: 'end' },
    { id: 'end', kind: 'end', disposition: 'order' },
  ],
});
const catalog: Catalog = { order: doc };
const ctx: RunContext = {
  company: '示例速递',
  agent: { employeeNo: '1001', name: '张伟' },
  call: { direction: 'inbound', number: '13912345678' },
  customer: null,
  waybill: null,
  insurance: null,
  timeZone: 'Asia/Shanghai',
};

function started(): RunState {
  const r = startRun(catalog, 'order', ctx);
  if (!r.ok) throw new Error(r.error);
  return r.state;
}
function step(s: RunState, outcome: 'met' | 'skipped' = 'met'): RunState {
  const r = advance(s, { type: 'checkpoint', outcome }, catalog, ctx);
  if (!r.ok) throw new Error(r.error);
  return r.state;
}
const held = (count: number, open: boolean): CallEvidence => ({
  holds: { count, open },
  orders: [],
});

describe('hold etiquette from the real hold', () => {
  it('refuses phrases without a hold, and thanks while the caller still waits', () => {
    expect(confirmHoldPhrases(undefined, { count: 0, open: false }, ['ask'])).toEqual({
      ok: false,
      error: 'no_hold',
    });
    expect(confirmHoldPhrases(undefined, { count: 1, open: true }, ['thanks'])).toEqual({
      ok: false,
      error: 'still_on_hold',
    });
  });

  it('is met once every hold had all three phrases; a new hold owes its own', () => {
    let e: HoldEtiquette | undefined;
    const confirm = (
      facts: { count: number; open: boolean },
      phrases: ('ask' | 'wait' | 'thanks')[],
    ) => {
      const r = confirmHoldPhrases(e, facts, phrases);
      if (!r.ok) throw new Error(r.error);
      e = r.etiquette;
    };
    confirm({ count: 1, open: true }, ['wait', 'ask']);
    expect(e).toEqual({ hold: 1, phrases: ['ask', 'wait'], confirmed: [] });
    expect(holdEtiquetteMet(e, { count: 1, open: true })).toBe(false);
    confirm({ count: 1, open: false }, ['thanks']);
    expect(holdEtiquetteMet(e, { count: 1, open: false })).toBe(true);
    // The second hold: the first hold's phrases do not carry over.
    expect(holdEtiquetteMet(e, { count: 2, open: false })).toBe(false);
    confirm({ count: 2, open: false }, ['thanks']);
    expect(e).toEqual({ hold: 2, phrases: ['thanks'], confirmed: [1] });
    confirm({ count: 2, open: false }, ['ask', 'wait']);
    expect(holdEtiquetteMet(e, { count: 2, open: false })).toBe(true);
  });

  it('makes the item required by a hold, meets it only from the phrases, and ignores a bare tick', () => {
    const s = started();
    expect(applyEvidence(s, noEvidence).required).not.toContain('hold_etiquette');
    const withHold = applyEvidence(s, held(1, false));
    expect(openCheckpoints(withHold)).toContain('hold_etiquette');
    // A tick on a script's hold step, no hold on the call: dropped.
    const ticked = { ...s, checkpoints: { hold_etiquette: 'met' as const } };
    expect(applyEvidence(ticked, noEvidence).checkpoints.hold_etiquette).toBeUndefined();
    expect(applyEvidence(ticked, held(1, false)).checkpoints.hold_etiquette).toBeUndefined();
    // "Skipped" stays what the agent said.
    const skipped = { ...s, checkpoints: { hold_etiquette: 'skipped' as const } };
    expect(applyEvidence(skipped, held(1, false)).checkpoints.hold_etiquette).toBe('skipped');
    const done = { ...s, hold: { hold: 1, phrases: [], confirmed: [1] } };
    expect(openCheckpoints(applyEvidence(done, held(1, false)))).not.toContain('hold_etiquette');
  });

  it('keeps the confirmed phrases when the agent goes back through the script', () => {
    const s = { ...step(started()), hold: { hold: 1, phrases: [], confirmed: [1] } };
    const r = advance(s, { type: 'back' }, catalog, ctx);
    expect(r.ok && r.state.hold).toEqual({ hold: 1, phrases: [], confirmed: [1] });
  });
});

describe('the 保价 item from the order form (Art. 21)', () => {
  const orders = (...outcomes: ('accepted' | 'declined' | 'not_applicable' | null)[]) => ({
    holds: { count: 0, open: false },
    orders: outcomes.map((insurance, i) => ({ number: `W-${i + 1}`, insurance, offered: true })),
  });

  it('counts the tick while no order was taken on the call', () => {
    const s = step(step(step(started())));
    expect(applyEvidence(s, noEvidence).checkpoints.insurance_rules).toBe('met');
  });

  it('with an order, only its recorded outcome counts — whichever it is', () => {
    const s = step(step(step(started())));
    expect(openCheckpoints(applyEvidence(s, orders(null)))).toContain('insurance_rules');
    for (const outcome of ['accepted', 'declined', 'not_applicable'] as const) {
      const untouched = started();
      expect(openCheckpoints(applyEvidence(untouched, orders(null, outcome)))).not.toContain(
        'insurance_rules',
      );
    }
    expect(recordedInsurance(orders('accepted', null, 'declined').orders)).toEqual({
      number: 'W-3',
      insurance: 'declined',
      offered: true,
    });
    expect(recordedInsurance(orders(null).orders)).toBeNull();
  });

  it('an order no 保价 offer applied to asked for no outcome: the tick stands', () => {
    const ticked = step(step(step(started())));
    const plain = {
      holds: { count: 0, open: false },
      orders: [{ number: 'W-1', insurance: null, offered: false }],
    };
    expect(applyEvidence(ticked, plain).checkpoints.insurance_rules).toBe('met');
    expect(applyEvidence({ ...started(), required: [] }, plain).required).toEqual([]);
  });

  it('makes the item required whatever script ran', () => {
    const generic = { ...started(), required: [] };
    expect(applyEvidence(generic, orders(null)).required).toEqual(['insurance_rules']);
  });
});
