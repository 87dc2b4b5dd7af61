import { describe, expect, it } from 'vitest';
import { normaliseWaybillNumber, recogniseWaybill, s10CheckDigit } from '@shared/waybills/waybill';

const top = (n: string) => recogniseWaybill(n).candidates[0];
const carriersOf = (n: string) => recogniseWaybill(n).candidates.map((c) => c.carrier);

describe('waybill number recognition (docs/DOMAIN.md §7)', () => {
  it('normalises what agents paste or type', () => {
    expect(normaliseWaybillNumber('  sf 1234-5678 90123 ')).toBe('SF1234567890123');
    expect(normaliseWaybillNumber('ＳＦ１２３４５６７８９０１２３')).toBe('SF1234567890123');
    expect(normaliseWaybillNumber('yt—1234_5678')).toBe('YT12345678');
  });

  it('recognises letter-prefixed formats with high confidence', () => {
    expect(top('SF1234567890123')).toMatchObject({ carrier: 'SF', confidence: 'high' });
    expect(top('SFA123456789012')).toMatchObject({ carrier: 'SF', confidence: 'high' });
    expect(top('YT1234567890123')).toMatchObject({ carrier: 'YTO', confidence: 'high' });
    expect(top('JT123456789012')).toMatchObject({ carrier: 'JT', confidence: 'high' });
    expect(top('JT1234567890123')).toMatchObject({ carrier: 'JT', confidence: 'high' });
    expect(top('JDVA12345678901')).toMatchObject({ carrier: 'JD', confidence: 'high' });
    expect(top('DPK123456789012')).toMatchObject({ carrier: 'DEPPON', confidence: 'high' });
  });

  it('validates UPU S10 check digits (RB123456785GB) and suggests the fix for a typo', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    // Vectors from the weights 8,6,4,2,3,5,9,7 with the 10→0 and 11→5 rules.
    expect(s10CheckDigit('00000000')).toBe(5); // sum 0 → 11 → 5
    expect(s10CheckDigit('00000001')).toBe(4); // 7 → 11-7
    expect(s10CheckDigit('00000010')).toBe(2); // 9 → 11-9
    expect(s10CheckDigit('00000003')).toBe(1); // 21 → 21 mod 11 = 10 → 1
    expect(s10CheckDigit('00000002')).toBe(8); // 14 → 3 → 8
    const ok = recogniseWaybill('RB123456785GB');
    expect(ok.s10).toEqual({ valid: true, expected: 5, suggestion: null });
    expect(ok.candidates[0]).toMatchObject({ carrier: 'UPU', confidence: 'high' });
    const typo = recogniseWaybill('RB123456784GB');
    expect(typo.s10).toEqual({ valid: false, expected: 5, suggestion: 'RB123456785GB' });
    expect(typo.candidates[0]).toMatchObject({ carrier: 'UPU', confidence: 'low' });
    expect(top('EA123456785CN')).toMatchObject({ carrier: 'EMS', confidence: 'high' });
  });

  it('returns several low-confidence candidates for overlapping digit-only numbers, most specific first', () => {
    expect(carriersOf('73123456789012')).toEqual(['ZTO']);
    expect(carriersOf('771234567890123')).toEqual(['STO', 'YUNDA']);
    expect(carriersOf('4312345678901')).toEqual(['STO', 'YUNDA', 'EMS']);
    expect(carriersOf('1123456789012')).toEqual(['YUNDA', 'EMS']);
    expect(carriersOf('6211234567890')).toEqual(['CAINIAO', 'YUNDA', 'EMS']);
    expect(recogniseWaybill('73123456789012').candidates.every((c) => c.confidence === 'low')).toBe(
      true,
    );
  });

  it('never rejects a number that fits no pattern', () => {
    for (const odd of ['ABC', '123', 'ZZ999999999999999', '顺丰', '']) {
      const r = recogniseWaybill(odd);
      expect(r.candidates).toEqual([]);
      expect(r.normalised).toBe(normaliseWaybillNumber(odd));
    }
  });
});
