import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compiled } from '@shared/contract';
import type { TestDesk } from '../../../helpers/desk';
import { createSeededDesk } from '../../../helpers/desk';
import { draft } from '../../../shared/orders/fixtures';
import { seedComplaint } from '../../../helpers/complaints';

/** The book compiles problem parcels of the shift's calls and its orders not yet delivered. */
let desk: TestDesk;
beforeAll(async () => {
  desk = await createSeededDesk({ customers: 200, waybills: 800, calls: 100, seed: 5 });
});
afterAll(() => desk.cleanup());

const q = <T>(sql: string, ...params: unknown[]) => desk.db.raw.prepare(sql).get(...params) as T;
const compile = async () => {
  const out = await desk.dispatcher.dispatch('handover.compile', {});
  if (!out.ok) throw new Error(out.error.message);
  return out.value as Compiled;
};

describe('compiling the shift’s open items from the other features', () => {
  it('problem parcels opened during the shift’s calls: awaiting an announcement or the sender', async () => {
    const session = desk.session.current()!;
    const damaged = q<{ id: string; number: string }>(
      `SELECT w.id, w.number FROM waybills w JOIN problem_reports p ON p.waybill_id = w.id
       WHERE p.kind = 'arrival_damage' AND p.announced_at IS NULL LIMIT 1`,
    );
    const failed = q<{ id: string; number: string }>(
      "SELECT id, number FROM waybills WHERE status = 'DELIVERY_FAILED' LIMIT 1",
    );
    const delivered = q<{ id: string; number: string }>(
      "SELECT id, number FROM waybills WHERE status = 'DELIVERED' LIMIT 1",
    );
    expect((await compile()).items.filter((i) => i.kind === 'parcel')).toEqual([]);
    desk.db.raw
      .prepare(
        `INSERT INTO calls (id, sip_call_id, agent_id, shift_id, direction, remote_number,
           remote_number_raw, offered_at) VALUES ('hc1', 'hs1', ?, ?, 'inbound', '13912345678',
           '13912345678', ?)`,
      )
      .run(session.agent.id, session.shift.id, desk.clock.now());
    const link = desk.db.raw.prepare(
      "INSERT INTO call_links (call_id, kind, ref_id, linked_at) VALUES ('hc1', 'waybill', ?, 0)",
    );
    for (const w of [damaged, failed, delivered]) link.run(w.id);
    const parcels = (await compile()).items.filter((i) => i.kind === 'parcel');
    expect(parcels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: `parcel:${damaged.number}:arrival_damage`,
          refId: damaged.number,
          waybill: damaged.number,
          reason: 'parcel_announce',
          anomaly: 'arrival_damage',
        }),
        expect.objectContaining({
          refId: failed.number,
          reason: 'parcel_sender_reply',
          anomaly: 'awaiting_sender',
        }),
      ]),
    );
    expect(parcels.some((p) => p.refId === delivered.number)).toBe(false);
    // The urgency follows the deadline: an expired announcement is red.
    for (const p of parcels) {
      if (p.dueAt !== null && p.dueAt < desk.clock.now()) expect(p.urgency).toBe('red');
    }
  });

  it('orders of the shift not yet delivered (no order system configured: queued)', async () => {
    const before = (await compile()).items.filter((i) => i.kind === 'order');
    const out = await desk.dispatcher.dispatch('orders.submit', {
      draft: draft((o) => {
        o.pickup.date = '2026-11-22';
      }),
      customerId: null,
      callId: null,
      confirmed: true,
    });
    if (!out.ok) throw new Error(out.error.message);
    const order = out.value as { id: string; number: string };
    const orders = (await compile()).items.filter((i) => i.kind === 'order');
    expect(orders.length).toBe(before.length + 1);
    expect(orders.find((o) => o.refId === order.id)).toMatchObject({
      kind: 'order',
      urgency: 'amber',
      reason: 'order_queued',
      title: expect.stringContaining(order.number) as string,
    });
    desk.db.raw.prepare("UPDATE orders SET delivery = 'delivered' WHERE id = ?").run(order.id);
    expect((await compile()).items.some((i) => i.refId === order.id)).toBe(false);
  });
});

describe('complaints in the book', () => {
  it('an open 重大 ticket is compiled as major (the lead signs off only with a note); an ordinary one is not', async () => {
    const register = async (requestedFen: number) => {
      const out = await desk.dispatcher.dispatch(
        'complaints.register',
        seedComplaint(
          { requestText: `赔偿${requestedFen / 100}元`, description: '外包装破损，内件受损' },
          { requestedFen, weightKg: 2 },
        ),
      );
      if (!out.ok) throw new Error(out.error.message);
      return out.value as { id: string; severity: string };
    };
    const ordinary = await register(20_000);
    const major = await register(800_000); // 8,000 元: 重大 under the default thresholds
    expect([ordinary.severity, major.severity]).toEqual(['ordinary', 'major']);
    const items = (await compile()).items.filter((i) => i.kind === 'complaint');
    expect(items.find((i) => i.refId === major.id)).toMatchObject({ major: true });
    expect(items.find((i) => i.refId === ordinary.id)).toMatchObject({ major: false });
  });
});
