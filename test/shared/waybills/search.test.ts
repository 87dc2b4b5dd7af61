import { describe, expect, it } from 'vitest';
import { fromLocal } from '@shared/common/calendar';
import { parseSearchQuery } from '@shared/waybills/search';

const kind = (q: string) => parseSearchQuery(q).kind;

describe('search box understanding', () => {
  it('recognises waybill numbers, exact or as a prefix', () => {
    expect(parseSearchQuery(' sf1234 5678 90123 ')).toMatchObject({
      kind: 'waybill',
      number: 'SF1234567890123',
      prefix: false,
    });
    expect(parseSearchQuery('73123456')).toMatchObject({
      kind: 'waybill',
      number: '73123456',
      prefix: true,
    });
    expect(parseSearchQuery('YT12345')).toMatchObject({ kind: 'waybill', prefix: true });
    expect(parseSearchQuery('RB123456784GB')).toMatchObject({
      kind: 'waybill',
      prefix: false,
      recognition: { s10: { valid: false, suggestion: 'RB123456785GB' } },
    });
    expect(parseSearchQuery('SF12')).toEqual({ kind: 'invalid', reason: 'too_short' });
  });

  it('recognises phone numbers in the usual spellings', () => {
    expect(parseSearchQuery('138 1234 5678')).toEqual({ kind: 'phone', phone: '13812345678' });
    expect(parseSearchQuery('+86 13812345678')).toEqual({ kind: 'phone', phone: '13812345678' });
    expect(parseSearchQuery('0571-88886666')).toEqual({ kind: 'phone', phone: '057188886666' });
  });

  it('takes 尾号 with a name or a date range, in either order, and asks for more when alone', () => {
    expect(parseSearchQuery('5678 王芳')).toEqual({
      kind: 'last4',
      last4: '5678',
      name: '王芳',
      from: null,
      to: null,
    });
    expect(parseSearchQuery('王芳 尾号5678')).toMatchObject({
      kind: 'last4',
      last4: '5678',
      name: '王芳',
    });
    const range = parseSearchQuery('5678 2026-11-01~2026-11-20');
    expect(range).toEqual({
      kind: 'last4',
      last4: '5678',
      name: null,
      from: fromLocal(2026, 11, 1, 0, 0, 'Asia/Shanghai'),
      to: fromLocal(2026, 11, 21, 0, 0, 'Asia/Shanghai') - 1,
    });
    expect(parseSearchQuery('5678')).toEqual({ kind: 'invalid', reason: 'last4_needs_more' });
    expect(parseSearchQuery('尾号5678')).toEqual({ kind: 'invalid', reason: 'last4_needs_more' });
  });

  it('tells names from addresses, including 2-character names', () => {
    expect(parseSearchQuery('王芳')).toEqual({ kind: 'name', name: '王芳' });
    expect(parseSearchQuery('欧阳娜娜')).toEqual({ kind: 'name', name: '欧阳娜娜' });
    expect(parseSearchQuery('杭州鼎盛贸易有限公司')).toEqual({
      kind: 'name',
      name: '杭州鼎盛贸易有限公司',
    });
    expect(parseSearchQuery('西湖区')).toEqual({ kind: 'address', text: '西湖区' });
    expect(parseSearchQuery('文化路12号')).toEqual({ kind: 'address', text: '文化路12号' });
    expect(kind('翠湖花园 3栋')).toBe('address');
  });

  it('refuses empty, oversized and too-short input clearly', () => {
    expect(parseSearchQuery('   ')).toEqual({ kind: 'invalid', reason: 'empty' });
    expect(parseSearchQuery('路'.repeat(101))).toEqual({ kind: 'invalid', reason: 'too_long' });
    expect(parseSearchQuery('x')).toEqual({ kind: 'invalid', reason: 'too_short' });
  });
});
