import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mustDeclare, offerReasonsFor, premiumFen } from '@shared/orders/insurance';
import { rates } from './fixtures';

const rules = rates.insurance; // 1 %, minimum 1.00, cap 20,000.00, offer from 500.00
const none = {
  category: 'documents',
  declaredValueFen: null,
  priorClaim: false,
  customerClass: 'B',
} as const;

describe('when 保价 is offered', () => {
  it('not for documents of no declared value from a class-B customer', () => {
    expect(offerReasonsFor(rules, none)).toEqual([]);
  });
  it('from the threshold value on, not below it', () => {
    expect(offerReasonsFor(rules, { ...none, declaredValueFen: 49_999 })).toEqual([]);
    expect(offerReasonsFor(rules, { ...none, declaredValueFen: 50_000 })).toEqual(['value']);
  });
  it.each(['fragile', 'electronics', 'valuables'] as const)('for %s goods', (category) => {
    expect(offerReasonsFor(rules, { ...none, category })).toEqual(['category']);
  });
  it('after a prior claim, and to class-A customers; reasons add up', () => {
    expect(offerReasonsFor(rules, { ...none, priorClaim: true })).toEqual(['prior_claim']);
    expect(
      offerReasonsFor(rules, {
        category: 'electronics',
        declaredValueFen: 300_000,
        priorClaim: true,
        customerClass: 'A',
      }),
    ).toEqual(['value', 'category', 'prior_claim', 'customer_class']);
  });
});

describe('premium', () => {
  it('is value × rate, at least the minimum', () => {
    expect(premiumFen(rules, 300_000)).toBe(3_000); // 3,000 元 → 30 元
    expect(premiumFen(rules, 5_000)).toBe(100); // 50 元 → 0.50, minimum 1.00
    expect(premiumFen(rules, 0)).toBe(0);
  });
  it('rounds up to whole fen (never under-charged), never below the minimum', () => {
    expect(premiumFen(rules, 12_345)).toBe(124);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: rules.maxDeclaredFen }), (v) => {
        const p = premiumFen(rules, v);
        return (
          Number.isInteger(p) &&
          p >= rules.minimumFen &&
          p >= v * rules.rate &&
          p < v * rules.rate + rules.minimumFen + 1
        );
      }),
    );
  });
  it('valuables must be declared; other goods need not', () => {
    expect(mustDeclare('valuables')).toBe(true);
    expect(mustDeclare('electronics')).toBe(false);
  });
});
