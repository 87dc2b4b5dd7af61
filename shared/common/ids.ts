/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, then random bits. Time-ordered ids keep
 * B-tree inserts local and let sync order operations (docs/DESIGN.md §3). Pure: the caller supplies the
 * clock reading and 16 random bytes (crypto in the app, a seeded PRNG in the demo data).
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidv7(ms: number, random: Uint8Array): string {
  if (random.length < 16) throw new RangeError('uuidv7 needs 16 random bytes');
  const b = new Uint8Array(16);
  b.set(random.subarray(0, 16));
  let t = Math.floor(ms);
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  let hex = '';
  for (const x of b) hex += HEX[x]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
