import { describe, expect, it } from 'vitest';
import { uuidv7 } from '@shared/common/ids';
import { uuidv7Factory } from '../../../electron/core/platform/ports';

describe('ids', () => {
  it('lays out a UUIDv7 exactly: 48-bit ms, version 7, variant 10, the random bits in hex', () => {
    const random = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(uuidv7(0x0123456789ab, random)).toBe('01234567-89ab-7607-8809-0a0b0c0d0e0f');
  });

  it('draws fresh random bits for every id, across refills of its random pool', () => {
    let now = 1_700_000_000_000;
    const next = uuidv7Factory({ now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 300 === 0) now += 1;
      ids.push(next());
    }
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(ids[999]!.slice(0, 13)).toBe(uuidv7(now, new Uint8Array(16)).slice(0, 13));
  });
});
