import { describe, expect, it } from 'vitest';
import { updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0013: orders', () => {
  it('creates orders (each its own outbox entry) and their amendments, with their checks', () => {
    const db = createRawDb();
    updateToVersion(db, 13);
    db.exec(`INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
             VALUES ('a1', '1001', '张伟', 'agent', '一组', 'x', 0, 0)`);
    const insert = db.prepare(
      `INSERT INTO orders (id, number, agent_id, created_at, day, draft, goods_description,
         goods_category, sender_name, recipient_name, total_fen, premium_fen, offer_reasons,
         rate_table, next_attempt_at)
       VALUES (?, ?, 'a1', 0, ?, '{}', '衣服', 'clothing', '张伟', '李娜', ?, 0, '[]', 't', 0)`,
    );
    insert.run('o1', 'W1', '2026-12-02', 1000);
    expect(db.prepare('SELECT delivery, version, attempts FROM orders').get()).toEqual({
      delivery: 'queued',
      version: 1,
      attempts: 0,
    });
    expect(() => insert.run('o2', 'W1', '2026-12-02', 1000)).toThrow(/UNIQUE/); // numbers are unique
    expect(() => insert.run('o3', 'W3', '2026/12/02', 1000)).toThrow(/CHECK/);
    expect(() => insert.run('o4', 'W4', '2026-12-02', -1)).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE orders SET delivery = 'lost'")).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO order_amendments (id, order_id, version, agent_id, at, reason, before, after)
               VALUES ('m1', 'o1', 2, 'a1', 0, '', '{}', '{}')`),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO order_amendments (id, order_id, version, agent_id, at, reason, before, after)
               VALUES ('m1', 'nope', 2, 'a1', 0, '改地址', '{}', '{}')`),
    ).toThrow(/FOREIGN KEY/);
  });
});
