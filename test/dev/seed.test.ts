import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { s10CheckDigit } from '@shared/waybills/waybill';
import { openDatabase } from '../../electron/core/platform/db/database';
import { MemoryLogger } from '../../electron/core/platform/ports';
import { DEMO_PASSWORD, seedDemoData } from '../../electron/dev/seed';
import { verifyPassword } from '../../electron/core/features/session/password';

const now = Date.UTC(2026, 10, 22);

function seeded(seed = 7) {
  const db = openDatabase(':memory:', { logger: new MemoryLogger() });
  const counts = seedDemoData(db, {
    customers: 60,
    waybills: 150,
    calls: 80,
    seed,
    now,
    batchSize: 50,
  });
  return { db, counts };
}

function dump(db: { raw: Database.Database }) {
  return ['agents', 'customers', 'phones', 'waybills', 'tracking_events', 'calls']
    .map((t) => JSON.stringify(db.raw.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()))
    .join('\n');
}

describe('demo data seeding', () => {
  it('is deterministic for the same seed and differs for another', () => {
    const a = seeded(7);
    const b = seeded(7);
    const c = seeded(8);
    expect(dump(a.db)).toBe(dump(b.db));
    expect(dump(a.db)).not.toBe(dump(c.db));
    expect(a.counts).toMatchObject({ agents: 11, customers: 60, waybills: 150, calls: 80 });
    expect(a.counts.trackingEvents).toBeGreaterThan(150 * 2);
    [a, b, c].forEach((x) => x.db.close());
  });

  it('makes realistic Chinese data in real carrier formats', async () => {
    const { db } = seeded();
    const customers = db.raw.prepare('SELECT name, province, address FROM customers').all() as {
      name: string;
      province: string;
      address: string;
    }[];
    for (const c of customers) {
      expect(c.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(c.address.startsWith(c.province.replace(/市$/, ''))).toBe(true);
    }
    expect(new Set(customers.map((c) => c.province)).size).toBeGreaterThan(5);
    for (const { phone } of db.raw.prepare('SELECT phone FROM phones').all() as {
      phone: string;
    }[]) {
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
    }
    const patterns: Record<string, RegExp> = {
      SF: /^SF[A-Z0-9]\d{12}$/,
      YTO: /^YT\d{13}$/,
      JT: /^JT\d{12,13}$/,
      JD: /^JD[A-Z0-9]{2}\d{11}$/,
      DEPPON: /^DPK\d{12}$/,
      ZTO: /^7[3-8]\d{12}$/,
      STO: /^77\d{13}$/,
      YUNDA: /^\d{13}$/,
      EMS: /^[A-Z]{2}\d{9}CN$/,
    };
    const waybills = db.raw
      .prepare('SELECT number, carrier, created_at, last_event_at FROM waybills')
      .all() as { number: string; carrier: string; created_at: number; last_event_at: number }[];
    for (const w of waybills) {
      expect(w.number).toMatch(patterns[w.carrier]!);
      if (w.carrier === 'EMS')
        expect(Number(w.number[10])).toBe(s10CheckDigit(w.number.slice(2, 10)));
      expect(w.last_event_at).toBeLessThanOrEqual(now);
      expect(w.last_event_at).toBeGreaterThanOrEqual(w.created_at);
    }
    expect(new Set(waybills.map((w) => w.carrier)).size).toBeGreaterThan(5);
    const agent = db.raw
      .prepare("SELECT password_hash FROM agents WHERE employee_no = '1001'")
      .get() as { password_hash: string };
    expect(await verifyPassword(DEMO_PASSWORD, agent.password_hash)).toBe(true);
    expect(db.raw.prepare("SELECT role FROM agents WHERE employee_no = '9001'").get()).toEqual({
      role: 'lead',
    });
    db.close();
  });

  it('refuses bad sizes and a database that already has data, changing nothing', () => {
    const db = openDatabase(':memory:', { logger: new MemoryLogger() });
    expect(() => seedDemoData(db, { customers: -1, waybills: 0, calls: 0, seed: 1 })).toThrow(
      /--customers must be a whole number/,
    );
    expect(() => seedDemoData(db, { customers: 1.5, waybills: 0, calls: 0, seed: 1 })).toThrow(
      /whole number/,
    );
    expect(() => seedDemoData(db, { customers: 0, waybills: 5, calls: 0, seed: 1 })).toThrow(
      /waybills need customers/,
    );
    expect(db.raw.prepare('SELECT count(*) AS n FROM agents').get()).toEqual({ n: 0 });
    seedDemoData(db, { customers: 3, waybills: 3, calls: 3, seed: 1, now });
    const before = dump(db);
    expect(() => seedDemoData(db, { customers: 3, waybills: 3, calls: 3, seed: 2, now })).toThrow(
      /already has data/,
    );
    expect(dump(db)).toBe(before);
    db.close();
  });
});
