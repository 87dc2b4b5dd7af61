import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AllDisjoint } from '@shared/common/contract-kit';
import { joinMaps } from '@shared/common/contract-kit';
import { eventNames, isRequestName, requestNames, requests } from '@shared/contract';
import { uuidv7 } from '@shared/common/ids';
import { formatDuration, formatSpan, maskPhone } from '@shared/common/format';
import { s10CheckDigit } from '@shared/waybills/waybill';

describe('contract', () => {
  it('joins every domain: each request and event name once, each from its own domain', () => {
    expect(requestNames).toContain('auth.signIn');
    expect(requestNames).toContain('waybill.get');
    expect(requestNames).toContain('call.answer');
    expect(new Set(requestNames).size).toBe(requestNames.length);
    expect(eventNames).toEqual(
      expect.arrayContaining(['session.changed', 'waybill.refreshed', 'softphone.changed']),
    );
  });

  it('refuses a name that two domains declare', () => {
    expect(() =>
      joinMaps('request', [
        { domain: 'a', map: { 'x.get': 1 } },
        { domain: 'b', map: { 'x.get': 2 } },
      ]),
    ).toThrow('request x.get is declared by both a and b');
  });

  it('does not treat prototype keys as requests', () => {
    expect(isRequestName('toString')).toBe(false);
    expect(isRequestName('__proto__')).toBe(false);
    expect(isRequestName(42)).toBe(false);
    expect(isRequestName('auth.signIn')).toBe(true);
  });

  it('refuses sign-in arguments of the wrong shape with a reason per field', () => {
    const args = requests['auth.signIn'].args;
    expect(args.safeParse({ employeeNo: '1001', password: 'x' }).success).toBe(true);
    expect(args.safeParse({ employeeNo: ' 1001 ', password: 'x' }).data?.employeeNo).toBe('1001');
    for (const bad of [
      {},
      { employeeNo: '1001' },
      { employeeNo: '10', password: 'x' },
      { employeeNo: '1001; DROP TABLE agents', password: 'x' },
      { employeeNo: '1001', password: '' },
      { employeeNo: '1001', password: 'x'.repeat(129) },
      { employeeNo: '1001', password: 'x', extra: true },
      { employeeNo: 1001, password: 'x' },
      null,
      'hello',
    ]) {
      expect(args.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses agent states that do not exist or lack their reason', () => {
    const args = requests['agent.setState'].args;
    expect(args.safeParse({ target: { status: 'break', reason: 'meal' } }).success).toBe(true);
    expect(args.safeParse({ target: { status: 'break' } }).success).toBe(false);
    expect(args.safeParse({ target: { status: 'ready', reason: 'meal' } }).success).toBe(false);
    expect(args.safeParse({ target: { status: 'asleep' } }).success).toBe(false);
  });

  it('applies defaults for optional arguments', () => {
    expect(requests['agent.stateLog'].args.parse({})).toEqual({ limit: 100 });
    expect(requests['agent.stateLog'].args.safeParse({ limit: 501 }).success).toBe(false);
  });
});

describe('small shared rules', () => {
  it('makes time-ordered UUIDv7 strings', () => {
    const a = uuidv7(1_700_000_000_000, new Uint8Array(16).fill(255));
    const b = uuidv7(1_700_000_000_001, new Uint8Array(16));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(() => uuidv7(0, new Uint8Array(4))).toThrow(RangeError);
  });

  it('formats durations and masks phones', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('123')).toBe('***');
    expect(formatSpan(2 * 86_400_000 + 3 * 3_600_000 + 59_000)).toBe('2天3小时');
    expect(formatSpan(-(90 * 60_000))).toBe('1小时30分钟');
    expect(formatSpan(45 * 60_000, 'en')).toBe('45 min');
  });

  it('computes UPU S10 check digits (RB123456785GB)', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(() => s10CheckDigit('1234567')).toThrow(RangeError);
  });
});

describe('the join proves every pair of domains disjoint (checked by tsc, a gate of npm test)', () => {
  it('AllDisjoint finds a clash between any two maps of the list, not only neighbours', () => {
    expectTypeOf<AllDisjoint<[{ a: 1 }, { b: 1 }, { c: 1 }]>>().toEqualTypeOf<true>();
    expectTypeOf<AllDisjoint<[{ a: 1 }, { b: 1 }, { a: 2 }]>>().toEqualTypeOf<false>();
    expectTypeOf<AllDisjoint<[{ x: 1 }, { a: 1 }, { b: 1 }, { b: 2 }]>>().toEqualTypeOf<false>();
    expectTypeOf<AllDisjoint<[]>>().toEqualTypeOf<true>();
  });
});
