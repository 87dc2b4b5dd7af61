import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompensationFacts, CompensationRules } from '@shared/complaints/compensation';
import {
  compensate,
  compensationRulesSchema,
  defaultCompensationRules,
  oneCompensation,
  severityOf,
} from '@shared/complaints/compensation';

const rules = defaultCompensationRules;
const facts = (over: Partial<CompensationFacts>): CompensationFacts => ({
  type: 'damage',
  requestedFen: null,
  insured: false,
  declaredValueFen: null,
  actualValueFen: null,
  lossFen: null,
  partial: false,
  weightKg: 1,
  freightFen: 1200,
  fragile: false,
  damage: 'outer',
  signedWithoutNote: false,
  outerDamageProof: false,
  cashClaimed: false,
  abnormalSignature: false,
  ...over,
});

describe('the seed cases', () => {
  it('案例一: two acrylic signs, 2.41 kg, our packaging, uninsured, 20 元/kg → 48.20 元 (asked 200)', () => {
    const c = compensate(facts({ weightKg: 2.41, requestedFen: 20_000 }), rules);
    expect(c.payableFen).toBe(4820);
    expect(c.steps).toEqual([
      '未保价，按格式合同赔偿标准20.00元/公斤：2.41公斤 × 20.00元 = 48.20元',
      '客户要求200.00元，按规定可赔48.20元',
    ]);
  });

  it('案例二: handed to the reception desk without consent — no money, an apology', () => {
    const c = compensate(facts({ type: 'false_signature', damage: null }), rules);
    expect(c.payableFen).toBe(0);
    expect(c.steps[0]).toContain('未经同意代签');
  });

  it('案例三: billed 802 kg, 758 kg on checking, at 3.00 元/kg → 44 kg × 3 = 132.00 元 back', () => {
    const c = compensate(
      facts({ type: 'billing', damage: null, billedKg: 802, checkedKg: 758, fenPerKg: 300 }),
      rules,
    );
    expect(c.payableFen).toBe(13_200);
    expect(c.steps).toEqual([
      '计费重量802公斤，复核重量758公斤',
      '多计44公斤 × 3.00元/公斤 = 退还132.00元',
    ]);
    // If checking confirms 802 kg (volumetric weight), nothing is refunded, and the agent explains.
    const right = compensate(
      facts({ type: 'billing', damage: null, billedKg: 802, checkedKg: 802, fenPerKg: 300 }),
      rules,
    );
    expect(right.payableFen).toBe(0);
  });
});

describe('insured goods', () => {
  it('actual loss up to the declared value', () => {
    const base = { type: 'loss' as const, insured: true, declaredValueFen: 300_000 };
    expect(compensate(facts({ ...base, lossFen: 250_000 }), rules).payableFen).toBe(250_000);
    expect(compensate(facts({ ...base, lossFen: 400_000 }), rules).payableFen).toBe(300_000);
  });
  it('partial loss pro rata when under-declared: 1,000 loss × 3,000 / 6,000 = 500', () => {
    const c = compensate(
      facts({
        insured: true,
        declaredValueFen: 300_000,
        actualValueFen: 600_000,
        lossFen: 100_000,
        partial: true,
      }),
      rules,
    );
    expect(c.payableFen).toBe(50_000);
    expect(c.steps[1]).toContain('部分损失按比例');
  });
});

describe('exclusions (DOMAIN §4)', () => {
  it('cash is never compensated', () => {
    expect(compensate(facts({ type: 'loss', cashClaimed: true }), rules)).toMatchObject({
      payableFen: 0,
      exclusion: 'cash',
    });
  });
  it('signed normally without noting outer damage: not accepted, unless the station proves it', () => {
    expect(compensate(facts({ signedWithoutNote: true }), rules).exclusion).toBe(
      'signed_without_outer_damage',
    );
    expect(
      compensate(facts({ signedWithoutNote: true, outerDamageProof: true }), rules).payableFen,
    ).toBe(2000);
  });
  it('fragile goods: inner damage not accepted, outer damage is', () => {
    expect(compensate(facts({ fragile: true, damage: 'inner' }), rules).exclusion).toBe(
      'fragile_inner_damage',
    );
    expect(compensate(facts({ fragile: true, damage: 'outer' }), rules).payableFen).toBe(2000);
    // Loss of fragile goods is handled as usual.
    expect(
      compensate(facts({ type: 'loss', fragile: true, damage: 'inner' }), rules).payableFen,
    ).toBe(2000);
  });
  it('异常签收 at 50 %', () => {
    expect(compensate(facts({ weightKg: 2.41, abnormalSignature: true }), rules).payableFen).toBe(
      2410,
    );
  });
  it('one compensation per parcel: the larger', () => {
    expect(oneCompensation([4820, 13_200, 0])).toBe(13_200);
    expect(oneCompensation([])).toBe(0);
  });
});

describe('other carrier terms', () => {
  const multiple: CompensationRules = {
    ...rules,
    uninsured: { kind: 'freight_multiple', multiple: 3, capFen: 5_000 },
  };
  it('a multiple of the freight, with a cap; never more than the actual loss', () => {
    expect(compensate(facts({ freightFen: 1200 }), multiple).payableFen).toBe(3600);
    expect(compensate(facts({ freightFen: 2500 }), multiple).payableFen).toBe(5000);
    expect(compensate(facts({ freightFen: 2500, lossFen: 1000 }), multiple).payableFen).toBe(1000);
  });
  it('delay refunds the freight share', () => {
    expect(compensate(facts({ type: 'delay', freightFen: 1800 }), rules).payableFen).toBe(1800);
    expect(
      compensate(facts({ type: 'delay', freightFen: 1800 }), { ...rules, delayFreightRefund: 0.5 })
        .payableFen,
    ).toBe(900);
  });
  it('rules are checked when loaded', () => {
    expect(compensationRulesSchema.safeParse(rules).success).toBe(true);
    expect(
      compensationRulesSchema.safeParse({
        ...rules,
        uninsured: { kind: 'per_kg', fenPerKg: -1, capFen: null },
      }).success,
    ).toBe(false);
    expect(compensationRulesSchema.safeParse({ ...rules, delayFreightRefund: 2 }).success).toBe(
      false,
    );
  });
});

describe('severity', () => {
  it('一般 / 重大 / 特大 by the thresholds', () => {
    expect(severityOf(499_999, rules)).toBe('ordinary');
    expect(severityOf(500_000, rules)).toBe('major');
    expect(severityOf(5_000_000, rules)).toBe('extraordinary');
  });
});

describe('for any facts', () => {
  it('pays a whole, non-negative number of fen, never above the declared value when insured', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('damage', 'loss', 'shortage', 'delay', 'billing', 'attitude'),
        fc.boolean(),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.boolean(),
        (type, insured, declared, loss, centiKg, abnormal) => {
          const c = compensate(
            facts({
              type,
              insured,
              declaredValueFen: declared,
              lossFen: loss,
              weightKg: centiKg / 100,
              abnormalSignature: abnormal,
              billedKg: 10,
              checkedKg: 8,
              fenPerKg: 100,
            }),
            rules,
          );
          return (
            Number.isInteger(c.payableFen) &&
            c.payableFen >= 0 &&
            (!insured || !['damage', 'loss', 'shortage'].includes(type) || c.payableFen <= declared)
          );
        },
      ),
    );
  });
});
