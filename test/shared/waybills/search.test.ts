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

describe('尾号 readings agents type (workspace issue)', () => {
  const TZ = 'Asia/Shanghai';
  /** 2026-11-22 09:00 in Shanghai. */
  const now = Date.UTC(2026, 10, 22, 1);
  const read = (q: string, at = now, tz = TZ) => parseSearchQuery(q, tz, at);
  const day = (y: number, m: number, d: number, tz = TZ) => ({
    from: fromLocal(y, m, d, 0, 0, tz),
    to: fromLocal(y, m, d + 1, 0, 0, tz) - 1,
  });

  it('takes a 尾号 glued to the name, on either side, with or without 尾号', () => {
    const expected = { kind: 'last4', last4: '0562', name: '刘明', from: null, to: null };
    for (const q of [
      '0562刘明',
      '刘明0562',
      '尾号0562刘明',
      '刘明尾号0562',
      '0562 刘明',
      '刘明 尾号 0562',
    ])
      expect(read(q), q).toEqual(expected);
    // Every name with every 尾号, glued or spaced, reads the same.
    for (const name of ['王', '王芳', '欧阳娜娜', '司马相如']) {
      for (const last4 of ['0000', '0562', '5678', '9999']) {
        const same = { kind: 'last4', last4, name, from: null, to: null };
        for (const q of [
          `${last4}${name}`,
          `${name}${last4}`,
          `${last4} ${name}`,
          `尾号${last4}${name}`,
        ])
          expect(read(q), q).toEqual(same);
      }
    }
  });

  it('does not split an address or a number around four digits', () => {
    expect(read('建设路1234号')).toEqual({ kind: 'address', text: '建设路1234号' });
    expect(read('1234路')).toMatchObject({ kind: 'address' });
    expect(read('0562号')).toMatchObject({ kind: 'address' });
    expect(read('SF1234567890123')).toMatchObject({ kind: 'waybill', prefix: false });
    expect(read('0571-88886666')).toEqual({ kind: 'phone', phone: '057188886666' });
    expect(read('0571 8888 6666')).toEqual({ kind: 'phone', phone: '057188886666' });
  });

  it('takes 尾号 + one date as that whole day in the desk’s time zone (not a 12-digit landline)', () => {
    expect(read('0562 2026-11-14')).toEqual({
      kind: 'last4',
      last4: '0562',
      name: null,
      ...day(2026, 11, 14),
    });
    for (const q of [
      '0562 2026/11/14',
      '0562 2026.11.14',
      '0562 2026年11月14日',
      '2026-11-14 0562',
    ])
      expect(read(q), q).toEqual(read('0562 2026-11-14'));
    expect(read('0562 刘明 2026-11-14')).toMatchObject({ name: '刘明', ...day(2026, 11, 14) });
  });

  it('gives a month-day this year, or last year when this year’s is still to come', () => {
    expect(read('0562 11-20')).toEqual({
      kind: 'last4',
      last4: '0562',
      name: null,
      ...day(2026, 11, 20),
    });
    expect(read('0562 11-22')).toMatchObject(day(2026, 11, 22)); // today
    expect(read('0562 11-23')).toMatchObject(day(2025, 11, 23)); // tomorrow: last year's
    expect(read('0562 11月20日')).toMatchObject(day(2026, 11, 20));
    expect(read('0562 11/20')).toMatchObject(day(2026, 11, 20));
    // "This year" and "today" are the desk's: 2026-11-22 00:30 in Shanghai is still 11-21 in UTC.
    const earlyMorning = Date.UTC(2026, 10, 21, 16, 30);
    expect(read('0562 11-22', earlyMorning)).toMatchObject(day(2026, 11, 22));
    expect(read('0562 11-22', earlyMorning, 'UTC')).toMatchObject(day(2025, 11, 22, 'UTC'));
    // New Year's Day in Shanghai, still New Year's Eve in UTC.
    const newYear = Date.UTC(2026, 11, 31, 16, 10);
    expect(read('0562 01-01', newYear)).toMatchObject(day(2027, 1, 1));
    expect(read('0562 12-31', newYear)).toMatchObject(day(2026, 12, 31));
    expect(read('0562 01-01', newYear, 'UTC')).toMatchObject(day(2026, 1, 1, 'UTC'));
  });

  it('never puts a month-day ahead of today, nor more than a year back (every day of the year)', () => {
    for (const at of [now, Date.UTC(2027, 1, 28, 20), Date.UTC(2028, 1, 29, 4)]) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const r = read(`0562 ${m}-${d}`, at);
          if (r.kind === 'invalid') {
            expect(r.reason, `${m}-${d}`).toBe('bad_date');
            expect(d > 28, `${m}-${d} is a real day`).toBe(true);
            continue;
          }
          expect(r.kind).toBe('last4');
          if (r.kind !== 'last4') continue;
          expect(r.from!, `${m}-${d}`).toBeLessThanOrEqual(at);
          expect(at - r.from!, `${m}-${d}`).toBeLessThan(366 * 86_400_000);
          expect(r.to! - r.from!).toBe(86_400_000 - 1);
        }
      }
    }
  });

  it('takes ranges of month-days across the new year, and either order', () => {
    const jan = Date.UTC(2026, 0, 10, 4);
    expect(read('0562 12-20~01-05', jan)).toMatchObject({
      from: day(2025, 12, 20).from,
      to: day(2026, 1, 5).to,
    });
    expect(read('0562 11-01 至 11-20')).toMatchObject({
      from: day(2026, 11, 1).from,
      to: day(2026, 11, 20).to,
    });
    expect(read('0562 2026-11-20~2026-11-01')).toMatchObject({
      from: day(2026, 11, 1).from,
      to: day(2026, 11, 20).to,
    });
    expect(read('0562 2026-10-30~11-02')).toMatchObject({
      from: day(2026, 10, 30).from,
      to: day(2026, 11, 2).to,
    });
  });

  it('says so when a date is not one, rather than searching it as a name', () => {
    for (const q of ['0562 2026-02-30', '0562 13-45', '0562 02-30', '0562 11-01~11-05~11-09'])
      expect(read(q), q).toEqual({ kind: 'invalid', reason: 'bad_date' });
    expect(read('0562 2028-02-29')).toMatchObject({ kind: 'last4' }); // a leap day is a day
  });
});
