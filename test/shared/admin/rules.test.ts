import { describe, expect, it } from 'vitest';
import { requests } from '@shared/contract';
import { employeeNoSchema, maskPhonesIn, passwordProblems } from '@shared/admin/rules';

describe('admin rules', () => {
  it('accepts exactly the 工号 sign-in accepts', () => {
    const signIn = requests['auth.signIn'].args;
    const samples = [
      '1001',
      ' 1001 ',
      'A1002',
      'abc',
      'ab',
      '1'.repeat(16),
      '1'.repeat(17),
      '10-01',
      '工号1',
      '',
      'x y z',
      'Z9Z9',
    ];
    for (const s of samples) {
      const ours = employeeNoSchema.safeParse(s);
      const theirs = signIn.safeParse({ employeeNo: s, password: 'x' });
      expect(ours.success, s).toBe(theirs.success);
      if (ours.success && theirs.success) expect(ours.data).toBe(theirs.data.employeeNo);
    }
  });

  it('names every rule a new password breaks, and none for a good one', () => {
    expect(passwordProblems('Welcome2026', '1001')).toEqual([]);
    expect(passwordProblems('密码安全2026', '1001')).toEqual([]);
    expect(passwordProblems('abc', '1001')).toEqual(['password_length', 'password_letters_digits']);
    expect(passwordProblems('abcdefgh', '1001')).toEqual(['password_letters_digits']);
    expect(passwordProblems('12345678', '1001')).toEqual(['password_letters_digits']);
    expect(passwordProblems('x1001abcd', '1001')).toEqual(['password_contains_employee_no']);
    expect(passwordProblems('xa1002bcd', 'A1002')).toEqual(['password_contains_employee_no']);
    expect(passwordProblems('a1'.repeat(65), '1001')).toEqual(['password_length']);
  });

  it('masks phone numbers inside audit texts, not waybill numbers', () => {
    expect(maskPhonesIn('回拨 13812345678 了')).toBe('回拨 138****5678 了');
    expect(maskPhonesIn('+86 13812345678')).toBe('138****5678');
    expect(maskPhonesIn('021-66668888')).toBe('021****8888');
    expect(maskPhonesIn('SF1234567890')).toBe('SF1234567890');
    expect(maskPhonesIn('773013812345678')).toBe('773013812345678');
  });
});
