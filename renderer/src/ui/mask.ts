import { maskPhone } from '@shared/common/format';

/**
 * Mainland mobiles (13812345678) and landlines with their area code (0551-62345678, 055162345678)
 * inside free text — tracking events ("派件员电话：191…"), notes an agent typed — not inside a
 * longer run of digits (a waybill number).
 */
const phoneInText = /(?<![\dA-Za-z])(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?![\dA-Za-z])/g;

/** Free text as shown on screen: every phone number in it masked (maskPhone), the rest as is. */
export function maskPhonesIn(text: string): string {
  return text.replace(phoneInText, (m) => maskPhone(m));
}
