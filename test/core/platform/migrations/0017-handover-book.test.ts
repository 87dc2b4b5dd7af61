import { describe, expect, it } from 'vitest';
import { updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0017: the handover book', () => {
  it('one handover per shift (corrections apart), items checked, signed ones read-only, none deleted', () => {
    const db = createRawDb();
    updateToVersion(db, 17);
    db.exec(`INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
               VALUES ('a1', '1001', '张伟', 'agent', '一组', 'x', 0, 0),
                      ('l1', '9001', '李娜', 'lead', '一组', 'x', 0, 0);
             INSERT INTO shifts (id, agent_id, desk_id, started_at) VALUES ('s1', 'a1', 'd', 0);`);
    const handover = db.prepare(
      `INSERT INTO handovers (id, shift_id, author_id, team, submitted_at, note, corrects_id)
       VALUES (?, 's1', 'a1', '一组', 1, '', ?)`,
    );
    handover.run('h1', null);
    expect(() => handover.run('h2', null)).toThrow(/UNIQUE/);
    const item = db.prepare(
      `INSERT INTO handover_items (id, handover_id, position, kind, ref_id, item_key, urgency,
         reason, title, removed_reason, removed_at) VALUES (?, 'h1', 0, ?, ?, 'k', ?, 'free', 't', ?, ?)`,
    );
    item.run('i1', 'incident', null, 'red', null, null);
    expect(() => item.run('i2', 'incident', 'x', 'red', null, null)).toThrow(/CHECK/); // free: no link
    expect(() => item.run('i3', 'callback', null, 'red', null, null)).toThrow(/CHECK/); // link needed
    expect(() => item.run('i4', 'other', null, 'pink', null, null)).toThrow(/CHECK/);
    expect(() => item.run('i5', 'other', null, 'red', '', 1)).toThrow(/CHECK/); // empty reason
    expect(() => item.run('i6', 'other', null, 'red', '已处理', null)).toThrow(/CHECK/); // no time
    expect(() => db.exec("UPDATE handover_items SET ack = 'queried', ack_by = 'a1'")).toThrow(
      /CHECK/,
    ); // a query carries its comment
    expect(() => db.exec('UPDATE handovers SET signed_at = 5')).toThrow(/CHECK/); // by whom
    db.exec("UPDATE handovers SET signed_at = 5, signed_by = 'l1'");
    expect(() => db.exec("UPDATE handovers SET note = 'x'")).toThrow(/read-only/);
    expect(() => db.exec("UPDATE handover_items SET lead_comment = 'x'")).toThrow(/read-only/);
    expect(() => item.run('i7', 'other', null, 'red', null, null)).toThrow(/read-only/);
    expect(() => db.exec('DELETE FROM handover_items')).toThrow(/never deleted/);
    expect(() => db.exec('DELETE FROM handovers')).toThrow(/never deleted/);
    handover.run('h3', 'h1'); // a correction of the signed one
    expect(db.prepare('SELECT COUNT(*) AS n FROM handovers').get()).toEqual({ n: 2 });
  });
});
