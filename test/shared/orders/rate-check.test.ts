/**
 * A rate table a lead loads: read and checked with the shipped table's schema, each problem as a
 * code with where it is in the file and what names it (the console words it; main refuses with
 * the same codes).
 */
import { describe, expect, it } from 'vitest';
import { checkRateTable, maxRateTableChars } from '@shared/orders/rate-check';
import shipped from '../../../resources/rates/standard.json';

const table = () => structuredClone(shipped);
const problems = (value: unknown) => {
  const r = checkRateTable(typeof value === 'string' ? value : JSON.stringify(value));
  return r.ok ? [] : r.problems;
};

describe('checkRateTable', () => {
  it('accepts the shipped table and a changed price', () => {
    const t = table();
    t.services.standard.zones.national.firstFen = 2000;
    const r = checkRateTable(JSON.stringify(t));
    expect(r.ok && r.table.services.standard.zones.national?.firstFen).toBe(2000);
  });

  it('names each problem: not JSON, too large, missing, wrong type, out of range, unknown fields', () => {
    expect(problems('{"id": ')).toEqual([{ path: '', code: 'not_json' }]);
    expect(problems('x'.repeat(maxRateTableChars + 1))).toEqual([
      { path: '', code: 'too_large', params: { max: maxRateTableChars } },
    ]);
    const t = table() as Record<string, unknown> & ReturnType<typeof table>;
    delete (t as Partial<typeof t>).name;
    (t.surcharges as Record<string, unknown>).remoteFen = '500';
    t.insurance.rate = 0.5;
    t.services.economy.zones.national.additionalFen = -1;
    (t.services.next_day as Record<string, unknown>).express = true;
    expect(problems(t)).toEqual(
      expect.arrayContaining([
        { path: 'name', code: 'missing' },
        { path: 'surcharges.remoteFen', code: 'wrong_type', params: { expected: 'number' } },
        { path: 'insurance.rate', code: 'too_big', params: { maximum: 0.2 } },
        {
          path: 'services.economy.zones.national.additionalFen',
          code: 'too_small',
          params: { minimum: 0 },
        },
        { path: 'services.next_day', code: 'unknown_field', params: { keys: 'express' } },
      ]),
    );
    expect(problems(t)).toHaveLength(5);
  });

  it('names the courier-rule problems: an unknown province, one in two regions, no national price', () => {
    const t = table();
    t.remoteProvinces = ['新疆'];
    t.regions['华东']!.push('广东省');
    delete (t.services.economy.zones as Partial<typeof t.services.economy.zones>).national;
    expect(problems(t)).toEqual([
      { path: 'remoteProvinces.0', code: 'unknown_province', params: { province: '新疆' } },
      {
        path: 'regions.华南',
        code: 'province_twice',
        params: { province: '广东省', first: '华东', second: '华南' },
      },
      { path: 'services.economy.zones', code: 'no_national_price', params: { service: 'economy' } },
    ]);
  });
});
