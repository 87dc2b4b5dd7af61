import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuoteInput } from '@shared/orders/rates';
import { quote, rateTableSchema, volumetricKg, yuan, zoneOf } from '@shared/orders/rates';
import { rates } from './fixtures';

/** The table as plain JSON, to be spoiled by the tests below. */
const table = JSON.parse(JSON.stringify(rates)) as {
  remoteProvinces: string[];
  regions: Record<string, string[]>;
};

const place = (province: string, city: string) => ({ province, city });
const base: QuoteInput = {
  from: place('广东省', '深圳市'),
  to: place('浙江省', '杭州市'),
  service: 'standard',
  category: 'documents',
  pieces: 1,
  piece: { weightKg: 0.5 },
  premiumFen: 0,
};

describe('the shipped rate table', () => {
  it('parses, and names only real provinces, each in one region', () => {
    expect(rateTableSchema.safeParse(table).success).toBe(true);
  });

  it('is refused with a province that does not exist or one in two regions', () => {
    const bad = structuredClone(table);
    bad.remoteProvinces.push('火星省');
    expect(rateTableSchema.safeParse(bad).success).toBe(false);
    const twice = structuredClone(table);
    twice.regions['华南']!.push('上海市');
    const r = rateTableSchema.safeParse(twice);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('上海市 is in two regions');
  });
});

describe('zones', () => {
  it.each([
    ['同城', place('广东省', '深圳市'), place('广东省', '深圳市'), 'same_city'],
    ['省内', place('广东省', '深圳市'), place('广东省', '广州市'), 'same_province'],
    ['区域内', place('广东省', '深圳市'), place('广西壮族自治区', '南宁市'), 'neighbour'],
    ['全国', place('广东省', '深圳市'), place('浙江省', '杭州市'), 'national'],
    ['偏远（收）', place('广东省', '深圳市'), place('西藏自治区', '拉萨市'), 'remote'],
    ['偏远（寄）', place('新疆维吾尔自治区', '乌鲁木齐市'), place('浙江省', '杭州市'), 'remote'],
    ['直辖市同城', place('北京市', '北京市'), place('北京市', '北京市'), 'same_city'],
  ])('%s', (_, from, to, zone) => {
    expect(zoneOf(rates, { from, to })).toBe(zone);
  });
});

describe('quote', () => {
  it('first weight only: 0.5 kg national standard = 18.00', () => {
    const q = quote(rates, base);
    expect(q).toMatchObject({ ok: true, zone: 'national', chargeableKg: 0.5, totalFen: 1800 });
  });

  it('additional weight per whole kg, rounded up: 2.3 kg national = 18 + 2 × 8', () => {
    const q = quote(rates, { ...base, piece: { weightKg: 2.3 } });
    expect(q).toMatchObject({ ok: true, totalFen: 1800 + 2 * 800 });
  });

  it('次日达 counts additional weight per 0.5 kg: 1.6 kg national = 23 + 2 × 7', () => {
    const q = quote(rates, { ...base, service: 'next_day', piece: { weightKg: 1.6 } });
    expect(q).toMatchObject({ ok: true, totalFen: 2300 + 2 * 700 });
  });

  it('经济 has a 3 kg first weight: 3 kg and 3.01 kg', () => {
    expect(quote(rates, { ...base, service: 'economy', piece: { weightKg: 3 } })).toMatchObject({
      totalFen: 2200,
    });
    expect(quote(rates, { ...base, service: 'economy', piece: { weightKg: 3.01 } })).toMatchObject({
      totalFen: 2200 + 500,
    });
  });

  it('volumetric weight wins when larger: 40×30×20 cm at 8000 = 3 kg for a 1 kg parcel', () => {
    const piece = { weightKg: 1, dims: { lengthCm: 40, widthCm: 30, heightCm: 20 } };
    expect(volumetricKg(piece, 8000)).toBe(3);
    const q = quote(rates, { ...base, piece });
    expect(q).toMatchObject({ ok: true, actualKg: 1, volumetricKg: 3, chargeableKg: 3 });
    expect(q.ok && q.totalFen).toBe(1800 + 2 * 800);
  });

  it('actual weight wins when larger', () => {
    const piece = { weightKg: 5, dims: { lengthCm: 10, widthCm: 10, heightCm: 10 } };
    expect(quote(rates, { ...base, piece })).toMatchObject({ chargeableKg: 5 });
  });

  it('pieces multiply weight; 0.1 + 0.2 kg style sums do not bill an extra unit', () => {
    const q = quote(rates, { ...base, pieces: 3, piece: { weightKg: 0.7 } }); // 2.1 kg
    expect(q).toMatchObject({ chargeableKg: 2.1, totalFen: 1800 + 2 * 800 });
    const exact = quote(rates, { ...base, pieces: 3, piece: { weightKg: 1 / 3 } }); // 1.00 kg
    expect(exact).toMatchObject({ chargeableKg: 1, totalFen: 1800 });
  });

  it('surcharges: remote end and fragile handling (per piece); the premium is a line', () => {
    const q = quote(rates, {
      ...base,
      to: place('西藏自治区', '拉萨市'),
      category: 'fragile',
      pieces: 2,
      piece: { weightKg: 1 },
      premiumFen: 3000,
    });
    expect(q.ok && q.lines).toEqual([
      { kind: 'first', kg: 1, fen: 2500 },
      { kind: 'additional', units: 1, unitKg: 1, fen: 1500 },
      { kind: 'remote', fen: 500 },
      { kind: 'fragile', fen: 600 },
      { kind: 'premium', fen: 3000 },
    ]);
    expect(q.ok && q.totalFen).toBe(2500 + 1500 + 500 + 600 + 3000);
  });

  it('次日达 does not go to remote provinces', () => {
    expect(
      quote(rates, { ...base, service: 'next_day', to: place('新疆维吾尔自治区', '喀什地区') }),
    ).toEqual({ ok: false, zone: 'remote', reason: 'service_unavailable' });
  });

  it('never charges less for a heavier parcel, and the total is the sum of its lines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('next_day', 'standard', 'economy'),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 500 }),
        (service, centiKg, extra) => {
          const a = quote(rates, { ...base, service, piece: { weightKg: centiKg / 100 } });
          const b = quote(rates, {
            ...base,
            service,
            piece: { weightKg: (centiKg + extra) / 100 },
          });
          if (!a.ok || !b.ok) return false;
          return (
            b.totalFen >= a.totalFen &&
            a.totalFen === a.lines.reduce((s, l) => s + l.fen, 0) &&
            a.chargeableKg >= a.actualKg
          );
        },
      ),
    );
  });

  it('yuan: fen with two decimals', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(1805)).toBe('18.05');
    expect(yuan(300000)).toBe('3000.00');
    expect(yuan(-50)).toBe('-0.50');
  });
});
