/**
 * Waybill-number rules shared by the seeding command, recognition and validation (DOMAIN §7).
 */

/** UPU S10 check digit for the 8 serial digits: weights 8,6,4,2,3,5,9,7; 10→0, 11→5. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError('S10 serial must be 8 digits');
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * weights[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}
