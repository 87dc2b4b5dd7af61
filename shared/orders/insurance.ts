/**
 * 保价 (declared-value insurance), docs/DOMAIN.md §6 and §8. The agent must state the rules before
 * the waybill is filled in (快递暂行条例 Art. 21) and record the customer's answer; valuables must
 * be declared. When to offer it, the rate, the minimum and the cap are the carrier's settings
 * (the rate table's `insurance`), never built in.
 */
import type { GoodsCategory, RateTable } from './rates';

export const insuranceOutcomes = ['accepted', 'declined', 'not_applicable'] as const;
export type InsuranceOutcome = (typeof insuranceOutcomes)[number];

/** Why the prompt appears; each is shown to the agent as its reason. */
export const offerReasons = ['value', 'category', 'prior_claim', 'customer_class'] as const;
export type OfferReason = (typeof offerReasons)[number];

export interface OfferContext {
  category: GoodsCategory;
  /** Fen; null while not given. */
  declaredValueFen: number | null;
  /** The sender has had a compensation claim before. */
  priorClaim: boolean;
  customerClass: 'A' | 'B' | 'C' | null;
}

/** Why 保价 must be offered for this order (empty: it need not be). */
export function offerReasonsFor(rules: RateTable['insurance'], o: OfferContext): OfferReason[] {
  const reasons: OfferReason[] = [];
  if (o.declaredValueFen !== null && o.declaredValueFen >= rules.offerAtFen) reasons.push('value');
  if (rules.offerCategories.includes(o.category)) reasons.push('category');
  if (o.priorClaim) reasons.push('prior_claim');
  if (o.customerClass !== null && rules.offerClasses.includes(o.customerClass)) {
    reasons.push('customer_class');
  }
  return reasons;
}

/** Premium = max(declared value × rate, minimum), in whole fen (rounded up: never under-charged). */
export function premiumFen(rules: RateTable['insurance'], declaredValueFen: number): number {
  if (declaredValueFen <= 0) return 0;
  return Math.max(Math.ceil(declaredValueFen * rules.rate - 1e-9), rules.minimumFen);
}

/** Valuables travel only with a declared value (Art. 21). */
export function mustDeclare(category: GoodsCategory): boolean {
  return category === 'valuables';
}
