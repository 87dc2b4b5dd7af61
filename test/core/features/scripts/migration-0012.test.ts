import { describe, expect, it } from 'vitest';
import { currentVersion, updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0012: call scripts and compliance per call', () => {
  const migrated = () => {
    const db = createRawDb();
    updateToVersion(db, 12);
    return db;
  };

  it('creates the scripts tables on top of 0010', () => {
    const db = migrated();
    expect(currentVersion(db)).toBe(12);
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'script_versions',
        'shipped_scripts',
        'call_scripts',
        'call_checkpoints',
      ]),
    );
  });

  it('refuses rows that break the rules (bad JSON, unknown outcome, version 0, shipped without revision)', () => {
    const db = migrated();
    const insert = db.prepare(
      `INSERT INTO script_versions (script_key, version, title, body, note, source, shipped_revision, published_at)
       VALUES (?, ?, 't', ?, 'n', ?, ?, 0)`,
    );
    insert.run('generic', 1, '{}', 'shipped', 1);
    expect(() => insert.run('generic', 2, 'not json', 'lead', null)).toThrow(/CHECK/);
    expect(() => insert.run('generic', 0, '{}', 'lead', null)).toThrow(/CHECK/);
    expect(() => insert.run('generic', 3, '{}', 'shipped', null)).toThrow(/CHECK/);
    expect(() => insert.run('generic', 1, '{}', 'lead', null)).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO call_checkpoints (call_id, item, required, outcome, at) VALUES ('x', 'greeting', 1, 'maybe', 0)",
        )
        .run(),
    ).toThrow(/CHECK|FOREIGN/);
    // A compliance record needs its call and a published version.
    expect(() =>
      db
        .prepare(
          `INSERT INTO call_scripts (call_id, agent_id, script_key, script_version, pinned, context,
             state, captured, started_at, updated_at)
           VALUES ('no-call', 'no-agent', 'generic', 1, '{}', '{}', '{}', '{}', 0, 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN/);
  });
});
