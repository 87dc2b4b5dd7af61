import { describe, expect, it } from 'vitest';
import { currentVersion, updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0002: customers, phones, waybills, tracking events', () => {
  it('keeps the rows of version 1 and adds the parcel tables', () => {
    const db = createRawDb();
    updateToVersion(db, 1);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('desk.id', 'd1', 0)").run();
    updateToVersion(db, 2);
    expect(currentVersion(db)).toBe(2);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'desk.id'").get()).toEqual({
      value: 'd1',
    });

    db.prepare(
      "INSERT INTO customers (id, name, class, province, city, address, created_at) VALUES ('c1', '王芳', 'A', '浙江省', '杭州市', '浙江省杭州市西湖区文化路1号', 0)",
    ).run();
    db.prepare("INSERT INTO phones (phone, customer_id) VALUES ('13812345678', 'c1')").run();
    expect(db.prepare('SELECT last4 FROM phones').get()).toEqual({ last4: '5678' });
    expect(() =>
      db
        .prepare(
          "INSERT INTO customers (id, name, class, province, city, address, created_at) VALUES ('c2', 'x', 'D', 'p', 'c', 'a', 0)",
        )
        .run(),
    ).toThrow(/CHECK/);

    const waybill = `INSERT INTO waybills (id, number, carrier, sender_name, sender_phone, sender_address, receiver_name,
      receiver_phone, receiver_address, origin_city, dest_city, service_type, item_description, weight_g, insured,
      freight_fen, status, created_at) VALUES (?, ?, 'SF', 'a', 'p', 'a', 'b', 'p', 'a', 'o', 'd', '标准快递', '书籍', ?, 0, 1200, 'IN_TRANSIT', 0)`;
    db.prepare(waybill).run('w1', 'SF1234567890123', 500);
    expect(() => db.prepare(waybill).run('w2', 'SF1234567890123', 500)).toThrow(/UNIQUE/);
    expect(() => db.prepare(waybill).run('w3', 'SF1234567890999', 0)).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO tracking_events (waybill_id, at, status, description) VALUES ('w1', 1, 'PICKED_UP', '已揽收')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO tracking_events (waybill_id, at, status, description) VALUES ('nope', 1, 'PICKED_UP', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
