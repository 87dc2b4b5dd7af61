import { describe, expect, it } from 'vitest';
import {
  currentVersion,
  latestVersion,
  updateToVersion,
} from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0003: calls and hold segments', () => {
  it('adds call records with their constraints', () => {
    const db = createRawDb();
    updateToVersion(db, 2);
    db.prepare(
      "INSERT INTO customers (id, name, class, province, city, address, created_at) VALUES ('c1', '王芳', 'B', '广东省', '深圳市', '广东省深圳市南山区科技路1号', 0)",
    ).run();
    updateToVersion(db, 3);
    expect(currentVersion(db)).toBe(3);
    expect(latestVersion).toBeGreaterThanOrEqual(3);
    const insert = db.prepare(
      "INSERT INTO calls (id, direction, remote_number, customer_id, offered_at, answered_at, disposition) VALUES (?, ?, '13800000000', 'c1', 100, ?, ?)",
    );
    insert.run('k1', 'inbound', 110, 'tracking');
    expect(() => insert.run('k2', 'sideways', 110, 'tracking')).toThrow(/CHECK/);
    expect(() => insert.run('k3', 'inbound', 50, 'tracking')).toThrow(/CHECK/);
    expect(() => insert.run('k4', 'inbound', 110, 'gossip')).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO call_hold_segments (call_id, started_at, ended_at) VALUES ('k1', 120, 130)",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO call_hold_segments (call_id, started_at) VALUES ('zz', 1)").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('refuses a database from a newer app version', () => {
    const db = createRawDb();
    db.pragma('user_version = 99');
    expect(() => updateToVersion(db, 3)).toThrow(/newer than this app/);
  });
});
