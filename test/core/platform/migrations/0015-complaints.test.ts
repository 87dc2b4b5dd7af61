import { describe, expect, it } from 'vitest';
import { updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0015: complaints', () => {
  it('keeps a ticket consistent: known type and severity, closed with its closer, events with a kind', () => {
    const db = createRawDb();
    updateToVersion(db, 15);
    db.exec(`INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
             VALUES ('a1', '1001', '张伟', 'agent', '一组', 'x', 0, 0)`);
    const insert = db.prepare(
      `INSERT INTO complaints (id, number, owner_id, created_by, received_at, incident_at,
         customer_name, type, severity, cause, watch_list, form, payable_fen, compensation)
       VALUES (?, ?, 'a1', 'a1', 10, ?, '李先生', ?, 'ordinary', 'unknown', 0, '{}', 4820, '{}')`,
    );
    insert.run('t1', 'TS1', 5, 'damage');
    expect(() => insert.run('t2', 'TS2', 5, 'theft')).toThrow(/CHECK/);
    expect(() => insert.run('t3', 'TS1', 5, 'damage')).toThrow(/UNIQUE/);
    expect(() => insert.run('t4', 'TS4', 11, 'damage')).toThrow(/CHECK/); // incident after receipt
    expect(() => db.exec('UPDATE complaints SET closed_at = 1')).toThrow(/CHECK/); // no closer
    expect(() => db.exec("UPDATE complaints SET escalated_to = 'claims'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE complaints SET form = 'not json'")).toThrow(/CHECK/);
    db.exec("UPDATE complaints SET closed_at = 1, closed_by = 'a1'");
    const event = db.prepare(
      `INSERT INTO complaint_events (id, complaint_id, at, kind, by_id, step) VALUES (?, 't1', 1, ?, 'a1', ?)`,
    );
    event.run('e1', 'step', 'negotiate');
    expect(() => event.run('e2', 'step', null)).toThrow(/CHECK/);
    expect(() => event.run('e3', 'party', null)).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO complaint_attachments (id, complaint_id, file_name, mime, size, path,
                 sha256, at, by_id) VALUES ('p1', 't1', 'a.pdf', 'application/pdf', 1, 'x', 'y', 0, 'a1')`),
    ).toThrow(/CHECK/);
  });
});
