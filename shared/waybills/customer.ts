/**
 * A new customer as the agent enters them (the unknown caller's "新建客户"; later the order form):
 * name, 1–3 phones, province/city (docs: divisions.ts) and the detail line, class A/B/C (DOMAIN §3),
 * an optional company. One schema checks it in the renderer (field errors as the agent types), in
 * the contract (nothing malformed reaches the core) and again in the service (callers inside the
 * core, such as the order form, get the same rules).
 *
 * Every issue's message is a stable code (`CustomerIssueCode`), not prose: the UI translates it and
 * puts it next to its field (`path`), the core logs it as it is.
 */
import { z } from 'zod';
import { normalisePhone } from '../common/phone';
import { findProvince, isCityOf } from './divisions';

export const customerClasses = ['A', 'B', 'C'] as const;
export type CustomerClass = (typeof customerClasses)[number];

/** Field limits (characters). */
export const customerLimits = {
  name: 40,
  company: 60,
  province: 20,
  city: 20,
  detail: 120,
  phone: 32,
  phones: 3,
} as const;

export const customerIssueCodes = [
  'required',
  'too_long',
  'bad_characters',
  'phone_invalid',
  'phone_repeated',
  'too_many_phones',
  'unknown_province',
  'unknown_city',
  'bad_class',
] as const;
export type CustomerIssueCode = (typeof customerIssueCodes)[number];

/** Control characters (line breaks, tabs, NUL…) and format characters have no place in these fields. */
const controlChars = /[\p{Cc}\p{Cf}]/u;

/** Missing → 'required'; a value of the wrong type (a number, an object…) → 'invalid'. */
const typeError = (iss: { input: unknown }) => (iss.input === undefined ? 'required' : 'invalid');

const text = (max: number) =>
  z
    .string({ error: typeError })
    .trim()
    .min(1, { error: 'required' })
    .max(max, { error: 'too_long' })
    .refine((v) => !controlChars.test(v), { error: 'bad_characters' });

/**
 * Whether a typed number can be a customer's phone: a valid mobile, landline or foreign number, or
 * a company's 400/800 line; not a short service number (95338, 12345) nor anything unparseable.
 */
export function customerPhoneKey(raw: string): string | null {
  const n = normalisePhone(raw);
  if (!n || !n.valid) return null;
  if (n.kind === 'service') return /^[48]00\d{7}$/.test(n.national) ? n.national : null;
  return n.kind === 'other' ? null : n.national;
}

export const customerInputSchema = z
  .strictObject({
    name: text(customerLimits.name),
    phones: z
      .array(
        z
          .string({ error: typeError })
          .trim()
          .min(1, { error: 'required' })
          .max(customerLimits.phone, { error: 'phone_invalid' }),
        { error: typeError },
      )
      .min(1, { error: 'required' })
      .max(customerLimits.phones, { error: 'too_many_phones' }),
    province: text(customerLimits.province),
    city: text(customerLimits.city),
    detail: text(customerLimits.detail),
    class: z.enum(customerClasses, {
      error: (iss) => (iss.input === undefined ? 'required' : 'bad_class'),
    }),
    /** Optional: absent, null or blank all mean "no company". */
    company: z
      .union([
        z.null(),
        z
          .string({ error: typeError })
          .trim()
          .max(customerLimits.company, { error: 'too_long' })
          .refine((v) => !controlChars.test(v), { error: 'bad_characters' }),
      ])
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((c, ctx) => {
    // Runs even when a field already failed its own check: only fields that passed are looked at
    // here, so each field gets one issue.
    const passed = (v: unknown, max: number): v is string =>
      typeof v === 'string' && v.length > 0 && v.length <= max && !controlChars.test(v);
    const seen = new Set<string>();
    if (Array.isArray(c.phones)) {
      c.phones.forEach((raw: unknown, i) => {
        if (!passed(raw, customerLimits.phone)) return;
        const key = customerPhoneKey(raw);
        if (key === null) {
          ctx.addIssue({ code: 'custom', path: ['phones', i], message: 'phone_invalid' });
        } else if (seen.has(key)) {
          ctx.addIssue({ code: 'custom', path: ['phones', i], message: 'phone_repeated' });
        } else seen.add(key);
      });
    }
    if (!passed(c.province, customerLimits.province)) return;
    if (!findProvince(c.province)) {
      ctx.addIssue({ code: 'custom', path: ['province'], message: 'unknown_province' });
    } else if (passed(c.city, customerLimits.city) && !isCityOf(c.province, c.city)) {
      ctx.addIssue({ code: 'custom', path: ['city'], message: 'unknown_city' });
    }
  })
  .transform((c) => ({
    ...c,
    // One spelling per number (shared/common/phone.ts): what calls and searches meet on.
    phones: c.phones.map((p) => customerPhoneKey(p)!),
  }));

/** What the agent (or another feature) passes. */
export type CustomerInput = z.input<typeof customerInputSchema>;
/** The checked, normalised customer. */
export type CustomerDraft = z.output<typeof customerInputSchema>;

/** A field the UI shows an error next to: 'name', 'phones.1', 'city' … ('' for the whole form). */
export interface CustomerFieldIssue {
  field: string;
  code: CustomerIssueCode | 'invalid';
}

/** Issues ({path, message}, as zod or the contract's BAD_ARGUMENT carry them) → fields and codes. */
export function customerFieldIssues(
  issues: readonly { path: string | readonly PropertyKey[]; message: string }[],
): CustomerFieldIssue[] {
  const known = new Set<string>(customerIssueCodes);
  return issues.map((i) => {
    const path = typeof i.path === 'string' ? i.path : i.path.map(String).join('.');
    const field = path === '(root)' ? '' : path;
    return {
      field,
      code: known.has(i.message) ? (i.message as CustomerIssueCode) : 'invalid',
    };
  });
}

/** The customer as created, for the agent's confirmation (phones masked, as on every screen). */
export const customerCreatedSchema = z.strictObject({
  customer: z.strictObject({
    id: z.string(),
    name: z.string(),
    company: z.string().nullable(),
    class: z.enum(customerClasses),
    province: z.string(),
    city: z.string(),
    address: z.string(),
    phonesMasked: z.array(z.string()),
  }),
  /**
   * Numbers already registered to other customers. Allowed (a family, a shop or an office may
   * share a phone), but the agent is told, so that the right customer is picked on the next call.
   */
  sharedPhones: z.array(
    z.strictObject({
      phoneMasked: z.string(),
      customers: z.array(z.strictObject({ id: z.string(), name: z.string() })),
    }),
  ),
});
export type CustomerCreated = z.infer<typeof customerCreatedSchema>;
