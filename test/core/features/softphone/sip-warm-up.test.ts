import { describe, expect, it } from 'vitest';
import { warmUpSipParser } from '../../../../electron/core/features/softphone/warm-up';

describe('SIP parser warm-up', () => {
  it('parses every sample message (none is malformed) and keeps nothing', async () => {
    const r = await warmUpSipParser(20, 5);
    expect(r.messages).toBe(20 * 5); // INVITE, ACK, BYE, 401, 200 per round
  });

  it('yields to the event loop between slices, so a real message waits at most one slice', async () => {
    const order: string[] = [];
    const warm = warmUpSipParser(30, 10).then(() => order.push('warm-up done'));
    setImmediate(() => order.push('other work'));
    await warm;
    expect(order).toEqual(['other work', 'warm-up done']);
  });
});
