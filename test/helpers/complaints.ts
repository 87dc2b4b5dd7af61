/**
 * The seeds' 案例一 as a complaint registration: two acrylic signs, 2.41 kg, our packaging,
 * uninsured, the customer asks 赔偿200元 (48.20 元 under the default 20 元/kg rule).
 */
import type { RequestArgs } from '@shared/contract';
import type { ComplaintFacts } from '@shared/complaints/contract';

export const seedFacts: ComplaintFacts = {
  type: 'damage',
  requestedFen: 20_000,
  insured: false,
  declaredValueFen: null,
  actualValueFen: null,
  lossFen: null,
  partial: true,
  weightKg: 2.41,
  freightFen: 2300,
  fragile: false,
  damage: 'outer',
  signedWithoutNote: false,
  outerDamageProof: false,
  cashClaimed: false,
  abnormalSignature: false,
  billedKg: null,
  checkedKg: null,
  fenPerKg: null,
};

/** `complaints.register` arguments for the seed case, standalone; `over` replaces fields. */
export function seedComplaint(
  over: Partial<RequestArgs<'complaints.register'>> = {},
  facts: Partial<ComplaintFacts> = {},
): RequestArgs<'complaints.register'> {
  return {
    customerName: '李先生',
    requestText: '赔偿200元损失费',
    packaging: 'ours',
    description: '两块有机材料广告牌，拆包后发现面上一块损坏',
    watchList: false,
    cause: 'unknown',
    incidentAt: null,
    apologized: false,
    callId: null,
    customerId: null,
    waybillNumbers: [],
    ...over,
    facts: { ...seedFacts, ...over.facts, ...facts },
  };
}
