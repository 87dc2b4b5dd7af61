import { describe, expect, it } from 'vitest';
import { checkOrder, orderDraftSchema } from '@shared/orders/order';
import { readBack } from '@shared/orders/readback';
import { ctx, draft } from './fixtures';

const codes = (o = draft(), c = ctx) => checkOrder(o, c).issues.map((i) => `${i.field}:${i.code}`);

describe('a complete order', () => {
  it('has no issues, no 保价 offer, and a quote', () => {
    const r = checkOrder(draft(), ctx);
    expect(r.issues).toEqual([]);
    expect(r.offer).toEqual([]);
    expect(r.quote).toMatchObject({ ok: true, zone: 'national', totalFen: 1800 });
  });
});

describe('Art. 22: both parties’ name, address and phone, and the goods', () => {
  it('each missing field is named', () => {
    const o = draft((d) => {
      d.recipient.phone = '';
      d.recipient.name = '  ';
      d.sender.detail = '';
      d.goods.description = '';
    });
    expect(codes(o)).toEqual([
      'sender.detail:required',
      'recipient.name:required',
      'recipient.phone:required',
      'goods.description:required',
    ]);
  });

  it('phones must be real numbers (mobile or landline with area code)', () => {
    expect(codes(draft((d) => void (d.sender.phone = '12345')))).toEqual([
      'sender.phone:phone_invalid',
    ]);
    expect(codes(draft((d) => void (d.sender.phone = '1380013800')))).toEqual([
      'sender.phone:phone_invalid',
    ]);
    expect(codes(draft((d) => void (d.sender.phone = '+86 138 0013 8000')))).toEqual([]);
  });

  it('places come from the divisions; a city with districts needs one', () => {
    expect(codes(draft((d) => void (d.sender.province = '火星省')))).toEqual([
      'sender.province:unknown_province',
    ]);
    expect(codes(draft((d) => void (d.sender.city = '杭州市')))).toEqual([
      'sender.city:unknown_city',
    ]);
    expect(codes(draft((d) => void (d.sender.district = '西湖区')))).toEqual([
      'sender.district:unknown_district',
    ]);
    expect(codes(draft((d) => void (d.sender.district = null)))).toEqual([
      'sender.district:district_required',
    ]);
  });

  it('over-long and control characters are refused, with the limit', () => {
    const r = checkOrder(
      draft((d) => void (d.sender.name = '张'.repeat(41))),
      ctx,
    );
    expect(r.issues).toEqual([{ field: 'sender.name', code: 'too_long', params: { max: 40 } }]);
    expect(codes(draft((d) => void (d.remarks = 'a\u0000b')))).toEqual(['remarks:bad_characters']);
  });

  it('the schema refuses the wrong shapes outright (unknown keys, text for numbers)', () => {
    const good = draft();
    expect(orderDraftSchema.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(
      orderDraftSchema.safeParse({ ...good, goods: { ...good.goods, weightKg: '5' } }).success,
    ).toBe(false);
    expect(
      orderDraftSchema.safeParse({ ...good, goods: { ...good.goods, weightKg: Number.NaN } })
        .success,
    ).toBe(false);
  });
});

describe('goods the courier cannot take', () => {
  it('“现金” is refused, with the term', () => {
    const r = checkOrder(
      draft((d) => void (d.goods.description = '现金')),
      ctx,
    );
    expect(r.issues).toEqual([
      {
        field: 'goods.description',
        code: 'prohibited',
        params: { kind: 'currency', term: '现金' },
      },
    ]);
  });
  it('batteries and liquids need their condition confirmed', () => {
    expect(codes(draft((d) => void (d.goods.category = 'batteries')))).toEqual([
      'goods.category:battery_not_in_device',
    ]);
    expect(
      codes(
        draft((d) => {
          d.goods.category = 'liquids';
          d.goods.liquidSealed = true;
        }),
      ),
    ).toEqual([]);
  });
  it('negative, zero and 10,000 kg weights; fractional pieces; sizes', () => {
    expect(codes(draft((d) => void (d.goods.weightKg = -1)))).toEqual([
      'goods.weightKg:weight_invalid',
    ]);
    expect(codes(draft((d) => void (d.goods.weightKg = 0)))).toEqual([
      'goods.weightKg:weight_invalid',
    ]);
    expect(codes(draft((d) => void (d.goods.weightKg = 10_000)))).toEqual([
      'goods.weightKg:weight_invalid',
    ]);
    expect(codes(draft((d) => void (d.goods.weightKg = 60)))).toEqual(['goods.weightKg:too_heavy']);
    expect(codes(draft((d) => void (d.goods.pieces = 1.5)))).toEqual([
      'goods.pieces:pieces_invalid',
    ]);
    expect(
      codes(draft((d) => void (d.goods.dims = { lengthCm: 160, widthCm: 20, heightCm: 20 }))),
    ).toEqual(['goods.dims:too_large']);
    expect(
      codes(draft((d) => void (d.goods.dims = { lengthCm: 0, widthCm: 20, heightCm: 20 }))),
    ).toEqual(['goods.dims:size_invalid']);
  });
  it('次日达 to a remote province is refused as unavailable', () => {
    const o = draft((d) => {
      d.service = 'next_day';
      d.recipient = { ...d.recipient, province: '西藏自治区', city: '拉萨市', district: '城关区' };
    });
    expect(codes(o)).toEqual(['service:service_unavailable']);
  });
});

describe('保价 (Art. 21)', () => {
  const electronics = (outcome: 'accepted' | 'declined' | null, value: number | null) =>
    draft((d) => {
      d.goods = { description: '笔记本电脑', category: 'electronics', pieces: 1, weightKg: 2 };
      d.declaredValueFen = value;
      d.insurance = { outcome, ...(outcome === 'declined' && { declineReason: '客户认为没必要' }) };
    });

  it('fragile electronics worth 3,000 元: offered, and the order waits for the answer', () => {
    const r = checkOrder(electronics(null, 300_000), ctx);
    expect(r.offer).toEqual(['value', 'category']);
    expect(r.issues).toEqual([{ field: 'insurance.outcome', code: 'insurance_outcome_missing' }]);
  });

  it('accepted: the premium (30.00) is quoted and added to the total', () => {
    const r = checkOrder(electronics('accepted', 300_000), ctx);
    expect(r.issues).toEqual([]);
    expect(r.premiumFen).toBe(3_000);
    expect(r.quote).toMatchObject({ ok: true, totalFen: 1800 + 800 + 3_000 });
  });

  it('declined needs the customer’s reason; accepted needs a value', () => {
    const o = electronics('declined', 300_000);
    expect(checkOrder(o, ctx).issues).toEqual([]);
    const noReason = orderDraftSchema.parse({ ...o, insurance: { outcome: 'declined' } });
    expect(codes(noReason)).toEqual(['insurance.declineReason:required']);
    expect(codes(electronics('accepted', null))).toEqual([
      'declaredValueFen:accepted_without_value',
    ]);
  });

  it('"not applicable" does not answer an offer that applies', () => {
    const o = orderDraftSchema.parse({
      ...electronics(null, 300_000),
      insurance: { outcome: 'not_applicable' },
    });
    expect(codes(o)).toEqual(['insurance.outcome:insurance_outcome_missing']);
  });

  it('valuables must be declared; values over the cap or not whole fen are refused', () => {
    const valuables = draft((d) => {
      d.goods = { description: '金项链', category: 'valuables', pieces: 1, weightKg: 0.1 };
      d.insurance = { outcome: 'declined', declineReason: '不需要' };
    });
    expect(codes(valuables)).toContain('declaredValueFen:valuables_undeclared');
    expect(codes(electronics('accepted', 2_000_001))).toContain('declaredValueFen:value_over_cap');
    expect(codes(electronics('accepted', 10.5))).toContain('declaredValueFen:value_invalid');
  });

  it('a prior claim or a class-A customer is offered it even for documents', () => {
    expect(checkOrder(draft(), { ...ctx, priorClaim: true }).offer).toEqual(['prior_claim']);
    expect(checkOrder(draft(), { ...ctx, customerClass: 'A' }).offer).toEqual(['customer_class']);
  });
});

describe('payment and pickup', () => {
  it('月结 needs the account; a pickup cannot be booked for yesterday', () => {
    expect(codes(draft((d) => void (d.payment = { method: 'monthly' })))).toEqual([
      'payment.account:account_required',
    ]);
    expect(
      codes(draft((d) => void (d.payment = { method: 'monthly', account: 'YJ-0001' }))),
    ).toEqual([]);
    expect(codes(draft((d) => void (d.pickup.date = '2026-12-01')))).toEqual([
      'pickup.date:pickup_in_past',
    ]);
  });
});

describe('read-back', () => {
  it('reads the order as Chinese sentences, phones by their last four digits', () => {
    const o = draft((d) => {
      d.goods = { description: '笔记本电脑', category: 'electronics', pieces: 1, weightKg: 2 };
      d.declaredValueFen = 300_000;
      d.insurance = { outcome: 'accepted' };
      d.remarks = '请带包装箱';
    });
    const r = checkOrder(o, ctx);
    expect(r.quote?.ok).toBe(true);
    const lines = readBack(o, r.quote as never);
    expect(lines).toEqual([
      '寄件人：张伟，电话尾号8000，地址：广东省深圳市南山区科苑路15号',
      '收件人：李娜，电话尾号4321，地址：浙江省杭州市西湖区文三路90号',
      '物品：笔记本电脑（电子产品），共1件，每件2公斤',
      '服务：标准快递，2026-12-02 下午（12:00–18:00）上门取件',
      '付款方式：寄付',
      '保价：声明价值3000.00元，保价费30.00元',
      '计费重量2公斤，运费26.00元，加保价费共56.00元',
      '备注：请带包装箱',
      '以上信息是否正确？',
    ]);
    expect(lines.join('')).not.toContain('13800138000');
  });
});
