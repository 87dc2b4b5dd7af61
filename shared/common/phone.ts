/**
 * One spelling per phone number. A caller may present +86…, 0086…, 86-1xx-xxxx-xxxx or a landline
 * with or without its area code's trunk 0; calls, customers and history must all meet on one key.
 * The key is the national number as dialled inside mainland China: mobiles as 11 digits, landlines
 * with the trunk 0 and area code (01012345678), service numbers as they are (4008111111, 95338).
 * Parsing is libphonenumber-js's (Google's metadata); withheld or unreadable caller ids have no key.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export type PhoneKind = 'mobile' | 'landline' | 'service' | 'foreign' | 'other';

export interface NormalisedPhone {
  /** The key calls and customers are stored and grouped under. */
  national: string;
  kind: PhoneKind;
  /** Whether the number has a valid length and prefix for its kind (per the metadata). */
  valid: boolean;
}

/** Caller ids longer than this are not phone numbers (the longest E.164 number is 15 digits). */
const MAX_RAW = 40;
const phoneLike = /^[\d\s+().-]+$/;
const plainMobile = /^1[3-9]\d{9}$/;

/** The number's key, or null when there is none (withheld, anonymous, empty, not a number). */
export function normalisePhone(raw: string | null | undefined): NormalisedPhone | null {
  // Most callers present a plain mobile number: already its own key (and this runs per call).
  if (raw && plainMobile.test(raw)) return { national: raw, kind: 'mobile', valid: true };
  const text = (raw ?? '').trim();
  if (text === '' || text.length > MAX_RAW || !phoneLike.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 3) return null;
  // "86-138…" and "0086…" are international spellings written without the plus.
  const international = text.startsWith('+') || /^(00|86)/.test(digits) ? intl(digits, text) : null;
  const parsed = parsePhoneNumberFromString(international ?? text, 'CN');
  if (parsed && parsed.country !== undefined && parsed.country !== 'CN') {
    return {
      national: `+${parsed.countryCallingCode}${parsed.nationalNumber}`,
      kind: 'foreign',
      valid: parsed.isValid(),
    };
  }
  if (parsed && parsed.countryCallingCode === '86') {
    const n = parsed.nationalNumber;
    if (/^1[3-9]\d{9}$/.test(n)) return { national: n, kind: 'mobile', valid: parsed.isValid() };
    if (/^(400|800|95|96|10|11|12)/.test(n) && !/^(10|2\d)\d{7,8}$/.test(n))
      return { national: n, kind: 'service', valid: true };
    if (/^[2-9]\d{6,10}$|^10\d{7,8}$/.test(n))
      return { national: `0${n}`, kind: 'landline', valid: parsed.isValid() };
  }
  return { national: digits, kind: 'other', valid: false };
}

/** `0086…` / `86…` / `+86…` → `+86…`, but only when what follows is a whole Chinese number. */
function intl(digits: string, text: string): string | null {
  if (text.startsWith('+')) return `+${digits}`;
  const rest = digits.startsWith('00') ? digits.slice(2) : digits;
  if (!rest.startsWith('86')) return digits.startsWith('00') ? `+${rest}` : null;
  const national = rest.slice(2);
  return /^1[3-9]\d{9}$/.test(national) || /^[1-9]\d{8,10}$/.test(national) ? `+${rest}` : null;
}

/** The key for storing and grouping: the normalised number, or '' for a caller with none. */
export function phoneKey(raw: string | null | undefined): string {
  return normalisePhone(raw)?.national ?? '';
}
