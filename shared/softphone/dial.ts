/**
 * Dial strings typed or clicked by the agent. Pure. Phone numbers shown in the console come with
 * spaces, hyphens or brackets ("138-0013-8000", "(021) 6234 5678"); we dial the digits. Anything
 * else is refused with a reason rather than sent to the PBX as garbage.
 */
export type DialCheck = { ok: true; target: string } | { ok: false; reason: string };

const separators = /[\s\-().\u3000]/g;

export function normaliseDialString(input: string): DialCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty number' };
  if (/^sips?:/i.test(text)) {
    // A full SIP URI (internal extension on another domain); user part must be dialable.
    return /^sips?:[\w.+*#-]{1,32}@[\w.-]{1,128}(:\d{1,5})?$/i.test(text)
      ? { ok: true, target: text }
      : { ok: false, reason: 'malformed SIP address' };
  }
  const compact = text.replace(separators, '');
  if (!/^\+?[0-9*#]+$/.test(compact)) {
    return { ok: false, reason: 'only digits, *, # and a leading + can be dialled' };
  }
  const digits = compact.replace(/^\+/, '');
  if (digits.length < 3) return { ok: false, reason: 'too short (at least 3 digits)' };
  if (digits.length > 20) return { ok: false, reason: 'too long (at most 20 digits)' };
  return { ok: true, target: compact };
}
