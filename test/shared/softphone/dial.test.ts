import { describe, expect, it } from 'vitest';
import { normaliseDialString } from '@shared/softphone/dial';

describe('dial strings', () => {
  it('dials the digits of numbers written the usual ways', () => {
    for (const [input, target] of [
      ['13800138000', '13800138000'],
      ['138-0013-8000', '13800138000'],
      ['138 0013 8000', '13800138000'],
      ['(021) 6234 5678', '02162345678'],
      ['+86 138 0013 8000', '+8613800138000'],
      ['95338', '95338'],
      ['2001', '2001'],
      ['*72#', '*72#'],
      ['sip:2001@pbx.example', 'sip:2001@pbx.example'],
      ['sip:2001@10.0.0.5:5060', 'sip:2001@10.0.0.5:5060'],
    ] as const) {
      expect(normaliseDialString(input), input).toEqual({ ok: true, target });
    }
  });

  it('refuses garbage with a reason', () => {
    for (const [input, reason] of [
      ['', /empty/],
      ['   ', /empty/],
      ['12', /too short/],
      ['1'.repeat(21), /too long/],
      ['abc', /only digits/],
      ['138;drop', /only digits/],
      ['1+38', /only digits/],
      ['sip:@pbx', /malformed SIP/],
      ['sip:a b@pbx', /malformed SIP/],
      ['sip:2001@pbx;transport=<x>', /malformed SIP/],
    ] as const) {
      const r = normaliseDialString(input);
      expect(r.ok, input).toBe(false);
      if (!r.ok) expect(r.reason, input).toMatch(reason);
    }
  });
});
