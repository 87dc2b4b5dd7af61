import { describe, expect, it } from 'vitest';
import { districtsOf, isDistrictOf, parseAddress } from '@shared/orders/address';
import { prohibitedIn, restrictionIssue } from '@shared/orders/goods';

describe('prohibited goods', () => {
  it.each([
    ['现金', 'currency'],
    ['一些人民币 硬币', 'currency'],
    ['仿真枪玩具', 'weapons'],
    ['过年烟花', 'explosives'],
    ['汽油两桶', 'flammable'],
    ['农药', 'toxic'],
    ['硫酸', 'corrosive'],
    ['活体宠物猫', 'live_animals'],
  ])('%s → %s', (description, kind) => {
    expect(prohibitedIn(description).map((h) => h.kind)).toContain(kind);
  });

  it('harmless goods whose names share a character are not refused', () => {
    for (const d of ['热熔胶枪', '手机', '合同文件', '羽绒服', '茶叶', '油画', '钱包']) {
      expect(prohibitedIn(d), d).toEqual([]);
    }
  });

  it('spaces do not hide a term', () => {
    expect(prohibitedIn('现 金')).toEqual([{ kind: 'currency', term: '现金' }]);
  });

  it('batteries only in their device, liquids only sealed', () => {
    expect(restrictionIssue('batteries', {})).toBe('battery_not_in_device');
    expect(restrictionIssue('batteries', { batteryInDevice: true })).toBeNull();
    expect(restrictionIssue('liquids', { liquidSealed: false })).toBe('liquid_not_sealed');
    expect(restrictionIssue('liquids', { liquidSealed: true })).toBeNull();
    expect(restrictionIssue('clothing', {})).toBeNull();
  });
});

describe('districts', () => {
  it('lists a city’s districts from the divisions data', () => {
    expect(districtsOf('广东省', '深圳市')).toContain('南山区');
    expect(districtsOf('北京市', '北京市')).toContain('朝阳区');
    expect(isDistrictOf('浙江省', '杭州市', '西湖区')).toBe(true);
    expect(isDistrictOf('浙江省', '杭州市', '南山区')).toBe(false);
  });
  it('has none for an unknown city or a county-level place listed as a city', () => {
    expect(districtsOf('广东省', '火星市')).toEqual([]);
    expect(districtsOf('湖北省', '仙桃市')).toEqual([]);
  });
});

describe('a pasted address', () => {
  it('full names, a name and a mobile number in any order', () => {
    expect(parseAddress('广东省深圳市南山区科苑路15号 张三 13800138000')).toEqual({
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: '科苑路15号',
      phones: ['13800138000'],
      name: '张三',
    });
    expect(parseAddress('张三，138-0013-8000，浙江杭州西湖区文三路90号')).toMatchObject({
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路90号',
      name: '张三',
    });
  });

  it('labels as chat apps paste them; a municipality; a landline', () => {
    expect(
      parseAddress('收件人：李娜\n电话：010-87654321\n地址：北京市朝阳区建国路88号'),
    ).toMatchObject({
      province: '北京市',
      city: '北京市',
      district: '朝阳区',
      detail: '建国路88号',
      phones: ['010-87654321'],
      name: '李娜',
    });
  });

  it('what cannot be read is left empty, never guessed', () => {
    expect(parseAddress('科苑路15号')).toMatchObject({
      province: null,
      city: null,
      district: null,
      detail: '科苑路15号',
      phones: [],
    });
    expect(parseAddress('')).toMatchObject({ province: null, detail: '', name: null });
  });
});
