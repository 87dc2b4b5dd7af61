import { describe, expect, it } from 'vitest';
import { handoverRequests } from '@shared/handover/contract';

describe('the handover contract', () => {
  const ack = handoverRequests['handover.acknowledge'].args;
  const submit = handoverRequests['handover.submit'].args;

  it('a query carries its comment; an acceptance needs none', () => {
    expect(ack.safeParse({ itemId: 'i1', decision: 'accept', comment: null }).success).toBe(true);
    expect(ack.safeParse({ itemId: 'i1', decision: 'query', comment: '地址？' }).success).toBe(
      true,
    );
    for (const comment of [null, '', '   ']) {
      const r = ack.safeParse({ itemId: 'i1', decision: 'query', comment });
      expect(r.success, JSON.stringify(comment)).toBe(false);
    }
    expect(ack.safeParse({ itemId: 'i1', decision: 'maybe', comment: null }).success).toBe(false);
  });

  it('a removal needs a reason; free items only of the kinds an agent may add', () => {
    const base = { note: '', removed: [], added: [], correctsId: null };
    expect(submit.safeParse(base).success).toBe(true);
    expect(
      submit.safeParse({ ...base, removed: [{ key: 'callback:1', reason: '  ' }] }).success,
    ).toBe(false);
    const free = { kind: 'incident', text: '停电', urgency: 'red', major: true };
    expect(submit.safeParse({ ...base, added: [free] }).success).toBe(true);
    expect(submit.safeParse({ ...base, added: [{ ...free, kind: 'callback' }] }).success).toBe(
      false,
    );
    expect(submit.safeParse({ ...base, added: [{ ...free, urgency: 'pink' }] }).success).toBe(
      false,
    );
    expect(submit.safeParse({ ...base, added: [{ ...free, text: '' }] }).success).toBe(false);
  });

  it('history dates are YYYY-MM-DD', () => {
    const q = handoverRequests['handover.history'].args;
    const none = {
      agent: null,
      from: null,
      to: null,
      shiftId: null,
      customer: null,
      waybill: null,
    };
    expect(q.safeParse({ ...none, from: '2026-11-22' }).success).toBe(true);
    expect(q.safeParse({ ...none, from: '22/11/2026' }).success).toBe(false);
  });
  it('items new since the handover: one to a hundred keys, none empty', () => {
    const add = handoverRequests['handover.addCompiled'].args;
    expect(add.safeParse({ keys: ['callback:1'] }).success).toBe(true);
    for (const keys of [
      [],
      [''],
      ['x'.repeat(201)],
      Array.from({ length: 101 }, (_, i) => `k${i}`),
    ]) {
      expect(add.safeParse({ keys }).success, JSON.stringify(keys).slice(0, 40)).toBe(false);
    }
    expect(add.safeParse({ keys: ['callback:1'], handoverId: 'h1' }).success).toBe(false);
  });
});
