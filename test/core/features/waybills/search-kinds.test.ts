/**
 * The search box readings added for the agents' workspace issue, on real SQLite: 尾号 glued to the
 * name, 尾号 + one date, 尾号 + a month-day (this year, or last year when still to come), and every
 * customer with that 尾号 searched when a date narrows (not only the first 50).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromLocal, localDate } from '@shared/common/calendar';
import { WaybillsRepo } from '../../../../electron/core/features/waybills/waybills-repo';
import type { Db } from '../../../../electron/core/platform/db/database';
import type { TestDesk } from '../../../helpers/desk';
import { createSeededDesk } from '../../../helpers/desk';

const TZ = 'Asia/Shanghai';
let desk: TestDesk;
const q = <T>(sql: string, ...args: unknown[]) => desk.db.raw.prepare(sql).get(...args) as T;
const search = (text: string, limit = 200) => desk.waybills.search(text, limit);

beforeAll(async () => {
  // The clock stands at 2026-11-22 09:00 in Shanghai.
  desk = await createSeededDesk({ customers: 400, waybills: 1500, calls: 50, seed: 11 });
});
afterAll(() => desk.cleanup());

describe('尾号 searches', () => {
  it('reads a 尾号 glued to the name (0562刘明, 刘明0562) as 尾号 + name', () => {
    const c = q<{ phone: string; name: string }>(
      `SELECT p.phone, c.name FROM phones p JOIN customers c ON c.id = p.customer_id
       WHERE EXISTS (SELECT 1 FROM waybills w WHERE w.sender_customer_id = c.id) LIMIT 1`,
    );
    const last4 = c.phone.slice(-4);
    const spaced = search(`${last4} ${c.name}`);
    expect(spaced.rows.length).toBeGreaterThan(0);
    for (const glued of [`${last4}${c.name}`, `${c.name}${last4}`]) {
      const r = search(glued);
      expect(r.kind, glued).toBe('last4');
      expect(r.rows.map((w) => w.id)).toEqual(spaced.rows.map((w) => w.id));
    }
  });

  it('finds a customer’s parcels of one day by 尾号 + date, with or without the year', () => {
    const w = q<{ id: string; created_at: number; phone: string; customer: string }>(
      `SELECT w.id, w.created_at, p.phone, w.sender_customer_id AS customer FROM waybills w
       JOIN phones p ON p.customer_id = w.sender_customer_id
       WHERE w.created_at > ? ORDER BY w.created_at DESC LIMIT 1`,
      desk.clock.now() - 200 * 86_400_000,
    );
    const date = localDate(w.created_at, TZ); // YYYY-MM-DD
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const start = fromLocal(y, m, d, 0, 0, TZ);
    const end = fromLocal(y, m, d + 1, 0, 0, TZ) - 1;
    const last4 = w.phone.slice(-4);
    const full = search(`${last4} ${date}`);
    expect(full.kind).toBe('last4'); // not a 12-digit landline
    expect(full.rows.map((r) => r.id)).toContain(w.id);
    expect(full.rows.every((r) => r.createdAt >= start && r.createdAt <= end)).toBe(true);
    const monthDay = search(`${last4} ${m}-${d}`);
    expect(monthDay.kind).toBe('last4'); // not a waybill-number prefix
    expect(monthDay.rows.map((r) => r.id)).toEqual(full.rows.map((r) => r.id));
    expect(search(`${last4} ${y - 1}-${m}-${d}`).rows.map((r) => r.id)).not.toContain(w.id);
  });
});

describe('尾号 + date over many customers', () => {
  const last4 = '7077';
  let ids: string[] = [];
  const parcel = (id: string, customer: string, createdAt: number) =>
    desk.db.raw
      .prepare(
        `INSERT INTO waybills (id, number, carrier, sender_customer_id, receiver_customer_id, sender_name,
           sender_phone, sender_address, receiver_name, receiver_phone, receiver_address, origin_city,
           dest_city, service_type, item_description, weight_g, declared_value_fen, insured, freight_fen,
           status, created_at, promised_at, last_event_at, synced_at)
         VALUES (?, ?, 'SF', ?, NULL, '测试', '13900000000', '安徽省安庆市', '收件人', '13800000000',
           '浙江省杭州市', '安庆市', '杭州市', '标准快递', '文件', 100, NULL, 0, 1200,
           'IN_TRANSIT', ?, NULL, NULL, NULL)`,
      )
      .run(id, `SF9${String(createdAt).slice(-12)}`, customer, createdAt);

  beforeAll(async () => {
    expect(q<{ n: number }>('SELECT count(*) AS n FROM phones WHERE last4 = ?', last4).n).toBe(0);
    // 60 customers share the 尾号; the parcels belong to the last one (by phone) and the first.
    for (let i = 0; i < 60; i++) {
      const out = await desk.dispatcher.dispatch('customer.create', {
        name: `测试${i}`,
        phones: [`139${String(i).padStart(4, '0')}${last4}`],
        province: '安徽省',
        city: '安庆市',
        detail: '迎江区人民路1号',
        class: 'C',
      });
      if (!out.ok) throw new Error(out.error.message);
      ids.push((out.value as { customer: { id: string } }).customer.id);
    }
    parcel('t-recent', ids[59]!, fromLocal(2026, 11, 20, 15, 30, TZ));
    parcel('t-last-year', ids[0]!, fromLocal(2025, 11, 23, 10, 0, TZ));
  });
  afterAll(() => {
    ids = [];
  });

  it('searches every customer with the 尾号 when a date narrows, through the indexes', () => {
    const day = search(`${last4} 2026-11-20`);
    expect(day).toMatchObject({ kind: 'last4', matchedCustomers: 60, truncated: false });
    expect(day.rows.map((r) => r.id)).toEqual(['t-recent']);
    expect(search(`${last4} 11-20`).rows.map((r) => r.id)).toEqual(['t-recent']);
    // 11-23 has not come yet this year (the clock says 2026-11-22): last year's.
    expect(search(`${last4} 11-23`).rows.map((r) => r.id)).toEqual(['t-last-year']);
    expect(search(`${last4} 2025-11-01~2026-11-21`).rows.map((r) => r.id)).toEqual([
      't-recent',
      't-last-year',
    ]);
    // Without a date the fan-out stays capped and says so (ADR 0005).
    expect(search(`${last4} 测试`)).toMatchObject({ truncated: true });

    // The statements behind it: 尾号 through phones_last4, the parcels through the
    // (customer, created_at) indexes with the date range — no scan of a table.
    const prepared: string[] = [];
    new WaybillsRepo({
      prepare: (sql: string) => {
        prepared.push(sql);
        return desk.db.prepare(sql);
      },
    } as unknown as Db);
    const plan = (sql: string, params: unknown) =>
      (desk.db.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
        (r) => r.detail,
      );
    const last4Plan = plan(
      prepared.find((s) => /WHERE last4 = @last4 LIMIT/.test(s))!,
      {
        last4,
        limit: 1,
      },
    );
    expect(last4Plan.join(' | ')).toMatch(/USING (COVERING )?INDEX phones_last4 \(last4=\?\)/);
    const parcelsPlan = plan(
      prepared.find((s) => /WITH hits/.test(s))!,
      {
        ids: '[]',
        from: 0,
        to: 1,
        limit: 1,
      },
    );
    expect(parcelsPlan.join(' | ')).toMatch(
      /USING COVERING INDEX waybills_sender_customer \(sender_customer_id=\? AND created_at>\? AND created_at<\?\)/,
    );
    expect(parcelsPlan.join(' | ')).toMatch(
      /USING COVERING INDEX waybills_receiver_customer \(receiver_customer_id=\? AND created_at>\? AND created_at<\?\)/,
    );
    expect(parcelsPlan.filter((d) => /^SCAN (waybills|w)\b/.test(d))).toEqual([]);
  });
});
