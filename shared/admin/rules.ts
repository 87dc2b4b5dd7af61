/**
 * The lead's administration rules (issue #12): what a new agent's 工号, name, team and password must
 * be, and the stable codes the core puts in a refusal's `issues[].message` so the console can say
 * what is wrong next to the field, in the agent's language.
 *
 * 工号: the same rule sign-in applies (`auth.signIn` in shared/session/contract.ts: 3–16 letters or
 * digits, trimmed); a test walks both schemas over the same samples so they cannot drift apart.
 * Passwords: sign-in accepts any 1–128 characters (accounts made before these rules keep working);
 * a password a lead sets here must be 8–128 characters with at least one letter and one digit, and
 * must not contain the 工号.
 */
import { z } from 'zod';
import { maskPhone } from '../common/format';

/** The codes main puts in `issues[].message` for admin requests (translated by the console). */
export const adminIssueCodes = [
  'employee_no_format',
  'employee_no_taken',
  'name_length',
  'team_length',
  'password_length',
  'password_letters_digits',
  'password_contains_employee_no',
  'url_format',
  'customer_length',
  'key_length',
  'key_required',
  'date_range',
  // The holiday schedule import (shared/admin/holiday-import.ts); the path names the entry.
  'schedule_json',
  'schedule_format',
  'schedule_date',
  'schedule_name',
  'schedule_both',
  'schedule_workday_weekday',
  'schedule_workday_year',
  'schedule_in_lieu',
  'schedule_year_range',
  'schedule_no_holidays',
  'schedule_text_year',
  'schedule_text_item',
  'schedule_weekday',
  'schedule_days_count',
  'schedule_too_large',
] as const;
export type AdminIssueCode = (typeof adminIssueCodes)[number];

export function isAdminIssueCode(x: string): x is AdminIssueCode {
  return (adminIssueCodes as readonly string[]).includes(x);
}

export const EMPLOYEE_NO_PATTERN = /^[A-Za-z0-9]{3,16}$/;
export const NAME_MAX = 32;
export const TEAM_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const code = (c: AdminIssueCode) => ({ message: c });

export const employeeNoSchema = z
  .string()
  .trim()
  .regex(EMPLOYEE_NO_PATTERN, code('employee_no_format'));

export const agentNameSchema = z
  .string()
  .trim()
  .min(1, code('name_length'))
  .max(NAME_MAX, code('name_length'));

export const teamSchema = z
  .string()
  .trim()
  .min(1, code('team_length'))
  .max(TEAM_MAX, code('team_length'));

/** A new password (without the 工号 check, which needs the agent: see `passwordProblems`). */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, code('password_length'))
  .max(PASSWORD_MAX, code('password_length'))
  .refine((p) => /\p{L}/u.test(p) && /\d/.test(p), code('password_letters_digits'));

/** Every rule a new password breaks for this 工号, in the order the form shows them. */
export function passwordProblems(password: string, employeeNo: string): AdminIssueCode[] {
  const problems: AdminIssueCode[] = [];
  const parsed = newPasswordSchema.safeParse(password);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (isAdminIssueCode(issue.message) && !problems.includes(issue.message))
        problems.push(issue.message);
    }
  }
  const no = employeeNo.trim().toLowerCase();
  if (no !== '' && password.toLowerCase().includes(no))
    problems.push('password_contains_employee_no');
  return problems;
}

/**
 * Mainland mobiles (optionally +86/86) and landlines with their trunk 0, standing alone: not inside
 * a longer run of digits (a waybill number).
 */
const phoneInText = /(?<![\d])(?:(?:\+?86[-\s]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?![\d])/g;

/** Every phone number in a text masked (`138****5678`), the rest as it was. */
export function maskPhonesIn(text: string): string {
  return text.replace(phoneInText, (m) =>
    maskPhone(m.replace(/^\+?86[-\s]?/, '').replace(/-/g, '')),
  );
}
