/**
 * A rate table a lead loads (the JSON of resources/rates/standard.json): read and checked with
 * `rateTableSchema`, each problem as a code with what the message needs to name it (the field's
 * path in the file, the province, the service). The console shows them in the lead's language
 * before sending; main checks again and refuses with the same codes.
 */
import type { z } from 'zod';
import type { RateTable } from './rates';
import { rateTableSchema } from './rates';

/** The most a rate table file may hold (the shipped one is ~2.5 kB). */
export const maxRateTableChars = 200_000;

export const rateTableProblemCodes = [
  'not_json',
  'too_large',
  'wrong_type',
  'missing',
  'too_small',
  'too_big',
  'unknown_field',
  'wrong_value',
  'unknown_province',
  'province_twice',
  'no_national_price',
  'invalid',
] as const;
export type RateTableProblemCode = (typeof rateTableProblemCodes)[number];

export interface RateTableProblem {
  /** Where in the file ('services.standard.zones.national.firstFen'; '' for the whole file). */
  path: string;
  code: RateTableProblemCode;
  params?: Record<string, string | number>;
}

export type RateTableCheck =
  { ok: true; table: RateTable } | { ok: false; problems: RateTableProblem[] };

/** At most this many problems are named (a wrong file would otherwise list hundreds). */
const maxProblems = 20;

/** What the file holds at a path (undefined: nothing there). */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    at =
      at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return at;
}

function problemOf(issue: z.core.$ZodIssue, value: unknown): RateTableProblem {
  const path = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(value, issue.path) === undefined
        ? { path, code: 'missing' }
        : { path, code: 'wrong_type', params: { expected: issue.expected } };
    case 'too_small':
      return { path, code: 'too_small', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { path, code: 'too_big', params: { maximum: Number(issue.maximum) } };
    case 'unrecognized_keys':
      return { path, code: 'unknown_field', params: { keys: issue.keys.join('、') } };
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { path, code: 'wrong_value' };
    case 'custom': {
      const params = (issue.params ?? {}) as Record<string, string>;
      const code = params['problem'];
      if (code === 'unknown_province') {
        return { path, code, params: { province: String(valueAt(value, issue.path)) } };
      }
      if (code === 'province_twice' || code === 'no_national_price') {
        const { problem: _problem, ...rest } = params;
        return { path, code, params: rest };
      }
      return { path, code: 'invalid' };
    }
    default:
      return { path, code: 'invalid' };
  }
}

/** Reads and checks a rate table file's text. */
export function checkRateTable(text: string): RateTableCheck {
  if (text.length > maxRateTableChars) {
    return {
      ok: false,
      problems: [{ path: '', code: 'too_large', params: { max: maxRateTableChars } }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ path: '', code: 'not_json' }] };
  }
  const parsed = rateTableSchema.safeParse(value);
  if (parsed.success) return { ok: true, table: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, maxProblems).map((i) => problemOf(i, value)),
  };
}
