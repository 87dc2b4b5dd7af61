import { describe, expect, it } from 'vitest';
import type { CustomerInput } from '@shared/waybills/customer';
import {
  customerFieldIssues,
  customerInputSchema,
  customerPhoneKey,
} from '@shared/waybills/customer';
import { findProvince, fullAddress, isCityOf, provinces } from '@shared/waybills/divisions';

const valid: CustomerInput = {
  name: ' 刘明 ',
  phones: ['+86 139-0562-0562', '0556 555 1234'],
  province: '安徽省',
  city: '安庆市',
  detail: '迎江区人民路88号',
  class: 'B',
};

const issues = (input: unknown) => {
  const r = customerInputSchema.safeParse(input);
  return r.success ? [] : customerFieldIssues(r.error.issues);
};

describe('administrative divisions (from @vant/area-data)', () => {
  it('lists every province-level division with its cities, and no grouping placeholders', () => {
    const all = provinces();
    expect(all.length).toBeGreaterThanOrEqual(31);
    expect(all.map((p) => p.name)).toEqual(
      expect.arrayContaining(['北京市', '浙江省', '新疆维吾尔自治区']),
    );
    for (const p of all) {
      expect(p.cities.length, p.name).toBeGreaterThan(0);
      for (const c of p.cities) expect(c, p.name).not.toMatch(/直辖|^县$/);
    }
    expect(findProvince('浙江省')?.cities).toEqual(expect.arrayContaining(['杭州市', '宁波市']));
    expect(findProvince('北京市')?.cities).toEqual(['北京市']);
    // Places the province administers directly are cities of their own.
    expect(isCityOf('湖北省', '仙桃市')).toBe(true);
    expect(isCityOf('重庆市', '城口县')).toBe(true);
    expect(isCityOf('安徽省', '杭州市')).toBe(false);
    expect(findProvince('火星省')).toBeUndefined();
  });

  it('writes the full address once, a municipality once', () => {
    expect(fullAddress('安徽省', '安庆市', '迎江区人民路88号')).toBe(
      '安徽省安庆市迎江区人民路88号',
    );
    expect(fullAddress('北京市', '北京市', '朝阳区建国路1号')).toBe('北京市朝阳区建国路1号');
    expect(fullAddress('安徽省', '安庆市', '安徽省安庆市迎江区')).toBe('安徽省安庆市迎江区');
  });
});

describe('a new customer', () => {
  it('is trimmed, its phones keyed as calls and searches key them, no company is null', () => {
    expect(customerInputSchema.parse(valid)).toEqual({
      name: '刘明',
      phones: ['13905620562', '05565551234'],
      province: '安徽省',
      city: '安庆市',
      detail: '迎江区人民路88号',
      class: 'B',
      company: null,
    });
    expect(customerInputSchema.parse({ ...valid, company: '  ' }).company).toBeNull();
    expect(customerInputSchema.parse({ ...valid, company: null }).company).toBeNull();
  });

  it('takes mobiles, landlines and company 400 lines; not short service numbers', () => {
    expect(customerPhoneKey('138 1234 5678')).toBe('13812345678');
    expect(customerPhoneKey('010-12345678')).toBe('01012345678');
    expect(customerPhoneKey('400-811-1111')).toBe('4008111111');
    for (const bad of ['95338', '12345', '1381234567', 'abc', '', '+86'])
      expect(customerPhoneKey(bad), bad).toBeNull();
  });

  it('says what is wrong with which field, once per field', () => {
    expect(
      issues({ ...valid, name: '', phones: ['1', '1'], province: '安徽省', city: '' }),
    ).toEqual([
      { field: 'name', code: 'required' },
      { field: 'city', code: 'required' },
      { field: 'phones.0', code: 'phone_invalid' },
      { field: 'phones.1', code: 'phone_invalid' },
    ]);
    expect(issues({ ...valid, phones: ['13905620562', '139 0562 0562'] })).toEqual([
      { field: 'phones.1', code: 'phone_repeated' },
    ]);
    expect(issues({ ...valid, province: '浙江' })).toEqual([
      { field: 'province', code: 'unknown_province' },
    ]);
    expect(issues({ ...valid, detail: '路'.repeat(121), company: 'x'.repeat(61) })).toEqual([
      { field: 'detail', code: 'too_long' },
      { field: 'company', code: 'too_long' },
    ]);
    expect(issues({ ...valid, name: '刘\u0000明' })).toEqual([
      { field: 'name', code: 'bad_characters' },
    ]);
    expect(issues({ ...valid, extra: true })).toEqual([{ field: '', code: 'invalid' }]);
    // As the contract's BAD_ARGUMENT carries them.
    expect(
      customerFieldIssues([
        { path: 'phones.2', message: 'phone_invalid' },
        { path: '(root)', message: 'Unrecognized key' },
      ]),
    ).toEqual([
      { field: 'phones.2', code: 'phone_invalid' },
      { field: '', code: 'invalid' },
    ]);
  });
});
