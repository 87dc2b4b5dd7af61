import { describe, expect, it } from 'vitest';
import { currentVersion, updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0008: hold segments by side (agent or remote)', () => {
  it('keeps existing segments as the agent’s, adds remote ones, and checks the side', () => {
    const db = createRawDb();
    updateToVersion(db, 7);
    db.prepare(
      "INSERT INTO calls (id, direction, remote_number, offered_at) VALUES ('k1', 'inbound', '13800000000', 100)",
    ).run();
    db.prepare(
      "INSERT INTO call_hold_segments (call_id, started_at, ended_at) VALUES ('k1', 200, 300), ('k1', 400, NULL)",
    ).run();
    updateToVersion(db, 8);
    expect(currentVersion(db)).toBe(8);
    const rows = () =>
      db
        .prepare(
          'SELECT call_id, side, started_at, ended_at FROM call_hold_segments ORDER BY side, started_at',
        )
        .all();
    expect(rows()).toEqual([
      { call_id: 'k1', side: 'agent', started_at: 200, ended_at: 300 },
      { call_id: 'k1', side: 'agent', started_at: 400, ended_at: null },
    ]);
    const insert = db.prepare(
      'INSERT INTO call_hold_segments (call_id, side, started_at) VALUES (?, ?, ?)',
    );
    // Both sides may start holding in the same millisecond; one side cannot twice.
    insert.run('k1', 'remote', 400);
    expect(() => insert.run('k1', 'remote', 400)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('k1', 'customer', 500)).toThrow(/CHECK/);
    expect(() => insert.run('nope', 'remote', 500)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO call_hold_segments (call_id, started_at) VALUES ('k1', 600)").run(),
    ).toThrow(/NOT NULL/);
    expect(rows()).toHaveLength(3);
    // A call's segments are still found by its id alone (the key's first column).
    const plan = (
      db
        .prepare('EXPLAIN QUERY PLAN SELECT * FROM call_hold_segments WHERE call_id = ?')
        .all('k1') as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(plan.join(' ')).toMatch(/USING PRIMARY KEY/);
  });
});
