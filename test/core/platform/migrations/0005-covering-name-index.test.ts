import { describe, expect, it } from 'vitest';
import { currentVersion, updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0005: covering (name, id) index on customers', () => {
  it('replaces the name index and makes 尾号 + name an intersection of two index-only scans', () => {
    const db = createRawDb();
    updateToVersion(db, 4);
    db.prepare(
      "INSERT INTO customers (id, name, class, province, city, address, created_at) VALUES ('c1', '王芳', 'C', '浙江省', '杭州市', '浙江省杭州市西湖区文化路1号', 0)",
    ).run();
    db.prepare("INSERT INTO phones (phone, customer_id) VALUES ('13812345678', 'c1')").run();
    updateToVersion(db, 5);
    expect(currentVersion(db)).toBe(5);
    const indexes = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers'")
        .all() as { name: string }[]
    ).map((r) => r.name);
    expect(indexes).toContain('customers_name_id');
    expect(indexes).not.toContain('customers_name');
    const sql = `SELECT customer_id FROM phones WHERE last4 = ? INTERSECT SELECT id FROM customers WHERE name >= ? AND name < ?`;
    expect(db.prepare(sql).all('5678', '王芳', '王芳\u{10FFFF}')).toEqual([{ customer_id: 'c1' }]);
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('5678', 'a', 'b') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toContain('COVERING INDEX phones_last4');
    expect(plan).toContain('COVERING INDEX customers_name_id');
  });
});
