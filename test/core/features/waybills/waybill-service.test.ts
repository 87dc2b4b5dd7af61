import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';
import { AuditRepo } from '../../../../electron/core/platform/audit-repo';
import { DEMO_PASSWORD } from '../../../../electron/dev/seed';
import type { TestDesk } from '../../../helpers/desk';
import { createSeededDesk } from '../../../helpers/desk';

/** One seeded desk for the whole file: searching does not change the data. */
let desk: TestDesk;
const q = <T>(sql: string, ...args: unknown[]) => desk.db.raw.prepare(sql).get(...args) as T;

beforeAll(async () => {
  desk = await createSeededDesk({ customers: 400, waybills: 1500, calls: 400, seed: 3 });
});
afterAll(() => desk.cleanup());

const search = (text: string, limit = 200) => desk.waybills.search(text, limit);

describe('waybill search', () => {
  it('finds a waybill by its exact number, however it was typed', () => {
    const { number } = q<{ number: string }>(
      "SELECT number FROM waybills WHERE carrier = 'SF' LIMIT 1",
    );
    const spaced = `${number.slice(0, 5).toLowerCase()} ${number.slice(5, 10)}-${number.slice(10)}`;
    const r = search(spaced);
    expect(r.kind).toBe('waybill');
    expect(r.rows.map((w) => w.number)).toEqual([number]);
    expect(r.recognition?.candidates[0]?.carrier).toBe('SF');
    expect(r.rows[0]?.lastEventText).toBeTruthy();
  });

  it('finds waybills by a number prefix of 6+ characters', () => {
    const { number } = q<{ number: string }>(
      "SELECT number FROM waybills WHERE carrier = 'ZTO' LIMIT 1",
    );
    const r = search(number.slice(0, 8));
    expect(r.kind).toBe('waybill_prefix');
    expect(r.rows.every((w) => w.number.startsWith(number.slice(0, 8)))).toBe(true);
    expect(r.rows.map((w) => w.number)).toContain(number);
  });

  it('finds a customer’s parcels by phone, and by last 4 digits with a name', () => {
    const c = q<{ phone: string; name: string; id: string }>(
      `SELECT p.phone, c.name, c.id FROM phones p JOIN customers c ON c.id = p.customer_id
       WHERE EXISTS (SELECT 1 FROM waybills w WHERE w.sender_customer_id = c.id) LIMIT 1`,
    );
    const byPhone = search(c.phone);
    expect(byPhone.kind).toBe('phone');
    expect(byPhone.rows.length).toBeGreaterThan(0);
    const expected = q<{ n: number }>(
      'SELECT count(*) AS n FROM waybills WHERE sender_customer_id = ? OR receiver_customer_id = ?',
      c.id,
      c.id,
    ).n;
    expect(byPhone.rows).toHaveLength(expected);
    const byLast4 = search(`${c.phone.slice(-4)} ${c.name}`);
    expect(byLast4.kind).toBe('last4');
    expect(byLast4.rows.map((r) => r.id).sort()).toEqual(byPhone.rows.map((r) => r.id).sort());
  });

  it('finds 2-character names through the B-tree (trigram cannot) and longer ones through full-text', () => {
    const two = q<{ name: string }>('SELECT name FROM customers WHERE length(name) = 2 LIMIT 1');
    const r2 = search(two.name);
    expect(r2.kind).toBe('name');
    expect(r2.matchedCustomers).toBeGreaterThan(0);
    expect(
      r2.rows.every(
        (w) => w.senderName.startsWith(two.name) || w.receiverName.startsWith(two.name),
      ),
    ).toBe(true);
    const three = q<{ name: string }>('SELECT name FROM customers WHERE length(name) = 3 LIMIT 1');
    const r3 = search(three.name);
    expect(r3.matchedCustomers).toBeGreaterThan(0);
    expect(
      r3.rows.every(
        (w) => w.senderName.includes(three.name) || w.receiverName.includes(three.name),
      ),
    ).toBe(true);
  });

  it('finds waybills by an address fragment, long or short', () => {
    const { address } = q<{ address: string }>(
      "SELECT address FROM customers WHERE address GLOB '*[^大]路[0-9]*号*' LIMIT 1",
    );
    const street = /[\u4e00-\u9fa5]{2}路\d+号/.exec(address)![0];
    const r = search(street);
    expect(r.kind).toBe('address');
    expect(r.matchedCustomers).toBeGreaterThan(0);
    const short = search('西湖');
    expect(short.kind).toBe('name'); // two characters without an address marker read as a name…
    const district = search('西湖区');
    expect(district.kind).toBe('address'); // …while 西湖区 is an address
  });

  it('says how it read input it cannot search, and returns nothing', () => {
    expect(search('5678')).toMatchObject({
      kind: 'invalid',
      invalidReason: 'last4_needs_more',
      rows: [],
    });
    expect(search('   ')).toMatchObject({ kind: 'invalid', invalidReason: 'empty' });
    expect(search('SF0000000000000').rows).toEqual([]); // a well-formed number nobody shipped
  });

  it('truncates large result sets and says so', () => {
    const r = search('1', 5); // too short to search
    expect(r.kind).toBe('invalid');
    const { city } = q<{ city: string }>(
      'SELECT city FROM customers GROUP BY city ORDER BY count(*) DESC LIMIT 1',
    );
    const many = search(`${city}`, 5);
    expect(many.rows.length).toBeLessThanOrEqual(5);
    expect(many.truncated).toBe(true);
  });

  it('uses the intended index for every query path (EXPLAIN QUERY PLAN)', () => {
    const plan = (sql: string, ...args: unknown[]) =>
      (desk.db.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('SELECT id FROM waybills WHERE number = ?', 'x')).toMatch(
      /USING INDEX sqlite_autoindex_waybills_\d \(number=\?\)/,
    );
    expect(plan('SELECT id FROM waybills WHERE number >= ? AND number < ?', 'a', 'b')).toMatch(
      /USING INDEX sqlite_autoindex_waybills_\d \(number>\? AND number<\?\)/,
    );
    expect(plan('SELECT customer_id FROM phones WHERE phone = ?', 'x')).toMatch(
      /USING PRIMARY KEY/,
    );
    expect(plan('SELECT customer_id FROM phones WHERE last4 = ?', 'x')).toMatch(
      /USING (COVERING )?INDEX phones_last4/,
    );
    expect(plan('SELECT id FROM customers WHERE name >= ? AND name < ?', 'a', 'b')).toMatch(
      /USING COVERING INDEX customers_name_id/,
    );
    expect(plan("SELECT rowid FROM customers_fts WHERE customers_fts MATCH 'x'")).toMatch(
      /VIRTUAL TABLE INDEX/,
    );
    expect(
      plan(
        'SELECT id FROM waybills WHERE sender_customer_id IN (SELECT value FROM json_each(?))',
        '[]',
      ),
    ).toMatch(/USING (COVERING )?INDEX waybills_sender_customer/);
    expect(
      plan(
        'SELECT id FROM waybills WHERE receiver_customer_id IN (SELECT value FROM json_each(?))',
        '[]',
      ),
    ).toMatch(/USING (COVERING )?INDEX waybills_receiver_customer/);
    expect(
      plan('SELECT * FROM calls WHERE remote_number = ? ORDER BY offered_at DESC LIMIT 5', 'x'),
    ).toMatch(/USING INDEX calls_remote_offered/);
  });

  it('refuses to search for a desk nobody is signed in to', async () => {
    desk.session.signOut();
    try {
      expect(() => search('王芳')).toThrow(ContractError);
      expect(() => desk.waybills.screenPop('13800000000')).toThrow(/signed in/);
    } finally {
      await desk.session.signIn('1001', DEMO_PASSWORD);
    }
  });
});

describe('waybill detail', () => {
  it('shows the timeline newest first, masked phones, money in fen, and the as-of time', () => {
    const { number } = q<{ number: string }>(
      "SELECT number FROM waybills WHERE status = 'DELIVERED' LIMIT 1",
    );
    const d = desk.waybills.detail(number.toLowerCase());
    expect(d.waybill.number).toBe(number);
    expect(d.waybill.senderPhoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(d.events.length).toBeGreaterThanOrEqual(6);
    expect(d.events[0]!.status).toBe('DELIVERED');
    expect(d.events.map((e) => e.at)).toEqual([...d.events.map((e) => e.at)].sort((a, b) => b - a));
    expect(d.anomalies).toEqual([]);
    expect(d.source).toBe('mirror');
    expect(d.asOf).toBe(desk.clock.now());
    expect(JSON.stringify(d)).not.toContain(
      q<{ sender_phone: string }>('SELECT sender_phone FROM waybills WHERE number = ?', number)
        .sender_phone,
    );
  });

  it('flags anomalies with their deadlines', () => {
    desk.clock.advance(6 * 3_600_000);
    try {
      const failed = q<{ number: string }>(
        "SELECT number FROM waybills WHERE status = 'DELIVERY_FAILED' LIMIT 1",
      );
      expect(desk.waybills.detail(failed.number).anomalies.map((a) => a.kind)).toEqual(
        expect.arrayContaining(['awaiting_sender', 'storage_limit']),
      );
      const damaged = q<{ number: string; occurred_at: number }>(
        "SELECT w.number, p.occurred_at FROM waybills w JOIN problem_reports p ON p.waybill_id = w.id WHERE p.kind = 'arrival_damage' AND p.announced_at IS NULL LIMIT 1",
      );
      const flag = desk.waybills
        .detail(damaged.number)
        .anomalies.find((a) => a.kind === 'arrival_damage');
      // Damage found on arrival is announced to the previous station within 3 hours of the scan.
      expect(flag).toMatchObject({
        since: damaged.occurred_at,
        deadline: damaged.occurred_at + 3 * 3_600_000,
        remainingMs: damaged.occurred_at + 3 * 3_600_000 - desk.clock.now(),
        expired: desk.clock.now() > damaged.occurred_at + 3 * 3_600_000,
      });
    } finally {
      desk.clock.advance(-6 * 3_600_000);
    }
  });

  it('refuses an unknown number, suggesting the corrected S10 check digit', () => {
    expect(() => desk.waybills.detail('EA123456784CN')).toThrow(/did you mean EA123456785CN/);
  });

  it('reveals a phone only with a reason, and audits it', () => {
    const w = q<{ id: string; number: string; receiver_phone: string }>(
      'SELECT id, number, receiver_phone FROM waybills LIMIT 1',
    );
    expect(desk.waybills.revealPhone(w.id, 'receiver', 'delivery_issue')).toEqual({
      phone: w.receiver_phone,
    });
    expect(
      new AuditRepo(desk.db).recent(200).find((e) => e.action === 'reveal_phone'),
    ).toMatchObject({
      action: 'reveal_phone',
      subject: w.number,
      detail: { party: 'receiver', reason: 'delivery_issue' },
    });
    expect(() => desk.waybills.revealPhone('nope', 'sender', 'callback')).toThrow(/No waybill/);
  });

  it('keeps notes verbatim (markup is text, not code) and refuses notes on unknown waybills', async () => {
    const w = q<{ id: string; number: string }>('SELECT id, number FROM waybills LIMIT 1 OFFSET 3');
    const note = desk.waybills.addNote(w.id, '<img src=x onerror=alert(1)> 客户要求周六派送');
    expect(desk.waybills.detail(w.number).notes[0]).toEqual(note);
    const before = q<{ n: number }>('SELECT count(*) AS n FROM waybill_notes').n;
    expect(() => desk.waybills.addNote('nope', 'x')).toThrow(/No waybill/);
    const out = await desk.dispatcher.dispatch('waybill.addNote', {
      waybillId: w.id,
      text: ' '.repeat(5),
    });
    expect(out).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    const tooLong = await desk.dispatcher.dispatch('waybill.addNote', {
      waybillId: w.id,
      text: '长'.repeat(2001),
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    const badReason = await desk.dispatcher.dispatch('waybill.revealPhone', {
      waybillId: w.id,
      party: 'sender',
      reason: 'curious',
    });
    expect(badReason).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    expect(q<{ n: number }>('SELECT count(*) AS n FROM waybill_notes').n).toBe(before);
  });
});

describe('screen pop', () => {
  it('pops the caller’s customers, latest parcels with flags, and last contacts', () => {
    const c = q<{ phone: string; id: string }>(
      `SELECT p.phone, p.customer_id AS id FROM phones p WHERE EXISTS (SELECT 1 FROM calls k WHERE k.remote_number = p.phone)
       AND EXISTS (SELECT 1 FROM waybills w WHERE w.sender_customer_id = p.customer_id) LIMIT 1`,
    );
    const pop = desk.waybills.screenPop(`+86 ${c.phone}`);
    expect(pop.number).toBe(c.phone);
    expect(pop.customers.map((x) => x.id)).toContain(c.id);
    expect(pop.waybills.length).toBeGreaterThan(0);
    expect(pop.waybills.length).toBeLessThanOrEqual(5);
    expect(pop.lastContacts.length).toBeGreaterThan(0);
    expect(pop.waybills.map((w) => w.createdAt)).toEqual(
      [...pop.waybills.map((w) => w.createdAt)].sort((a, b) => b - a),
    );
  });

  it('returns an empty pop for an unknown caller', () => {
    expect(desk.waybills.screenPop('01012345678')).toEqual({
      number: '01012345678',
      customers: [],
      waybills: [],
      lastContacts: [],
      openTickets: [],
    });
  });
});
