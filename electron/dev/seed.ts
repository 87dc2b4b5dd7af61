/**
 * Deterministic demo data: the same (seed, now, sizes) always gives the same rows, so benchmarks
 * compare like with like. Chinese names, mobile numbers, addresses across provinces, waybills of
 * several carriers with tracking events, call records, and a team of agents with a lead.
 */
import { uuidv7 } from '@shared/common/ids';
import { s10CheckDigit } from '@shared/waybills/waybill';
import type { Db } from '../core/platform/db/database';
import { hashPasswordSync } from '../core/features/session/password';
import {
  buildingPrefixes,
  buildings,
  companyPrefixes,
  companySuffixes,
  givenChars,
  items,
  places,
  serviceTypes,
  streets,
  surnames,
} from './seed-data';

export interface SeedOptions {
  customers: number;
  waybills: number;
  calls: number;
  seed: number;
  /** Reference time; waybills and calls fall in the days before it. Default: start of today UTC. */
  now?: number;
  /** Rows per transaction. */
  batchSize?: number;
  onProgress?: (table: string, done: number, total: number) => void;
}

export interface SeedCounts {
  agents: number;
  customers: number;
  phones: number;
  waybills: number;
  trackingEvents: number;
  problemReports: number;
  calls: number;
}

/** Demo accounts (README): agents 1001–1010 and lead 9001, all with this password. */
export const DEMO_PASSWORD = 'desk1234';

const DAY = 86_400_000;

/** sfc32: small, fast, good enough for demo data, and identical on every platform. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
  bytes16(): Uint8Array {
    const b = new Uint8Array(16);
    for (let i = 0; i < 16; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
}

const mobilePrefixes = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '158',
  '159',
  '166',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '191',
  '199',
];

export function demoName(rng: Rng): string {
  const given = rng.chance(0.35)
    ? rng.pick(givenChars)
    : rng.pick(givenChars) + rng.pick(givenChars);
  return rng.pick(surnames) + given;
}

function mobile(rng: Rng): string {
  return rng.pick(mobilePrefixes) + rng.digits(8);
}

function address(rng: Rng): { province: string; city: string; address: string } {
  const p = rng.pick(places);
  const c = rng.pick(p.cities);
  const d = rng.pick(c.districts);
  const line = `${d}${rng.pick(streets)}${rng.int(1, 999)}号${rng.pick(buildingPrefixes)}${rng.pick(buildings)}${rng.int(1, 30)}栋${rng.int(1, 32)}0${rng.int(1, 8)}室`;
  const cityPart = p.province === c.city ? c.city : `${p.province}${c.city}`;
  return { province: p.province, city: c.city, address: `${cityPart}${line}` };
}

/** Carrier code → a generator of numbers in that carrier's real format (docs/DOMAIN.md §7). */
const carriers: readonly { code: string; weight: number; make: (rng: Rng) => string }[] = [
  { code: 'SF', weight: 18, make: (r) => `SF${r.int(1, 9)}${r.digits(12)}` },
  { code: 'ZTO', weight: 20, make: (r) => `${r.int(73, 78)}${r.digits(12)}` },
  { code: 'YTO', weight: 15, make: (r) => `YT${r.digits(13)}` },
  { code: 'YUNDA', weight: 12, make: (r) => `${r.pick(['31', '43', '46'])}${r.digits(11)}` },
  { code: 'STO', weight: 10, make: (r) => `77${r.digits(13)}` },
  { code: 'JT', weight: 10, make: (r) => `JT${r.digits(13)}` },
  { code: 'JD', weight: 7, make: (r) => `JD${r.pick(['VA', 'VB', 'VC', '0A'])}${r.digits(11)}` },
  { code: 'DEPPON', weight: 4, make: (r) => `DPK${r.digits(12)}` },
  {
    code: 'EMS',
    weight: 4,
    make: (r) => {
      const serial = r.digits(8);
      return `${r.pick(['EA', 'EB', 'EM', 'RB'])}${serial}${s10CheckDigit(serial)}CN`;
    },
  },
];
const carrierTotal = carriers.reduce((s, c) => s + c.weight, 0);

function pickCarrier(rng: Rng): (typeof carriers)[number] {
  let x = rng.next() * carrierTotal;
  for (const c of carriers) {
    x -= c.weight;
    if (x < 0) return c;
  }
  return carriers[0]!;
}

/** Where a parcel's story ends; weights roughly like a real day's mix. */
const outcomes = [
  { end: 'DELIVERED', weight: 62 },
  { end: 'IN_TRANSIT', weight: 14 },
  { end: 'OUT_FOR_DELIVERY', weight: 8 },
  { end: 'AT_PICKUP_POINT', weight: 4 },
  { end: 'STALLED', weight: 4 },
  { end: 'DELIVERY_FAILED', weight: 3 },
  { end: 'RETURNING', weight: 2 },
  { end: 'DAMAGED', weight: 1 },
  { end: 'REFUSED', weight: 1 },
  { end: 'LOST', weight: 1 },
] as const;
const outcomeTotal = outcomes.reduce((s, o) => s + o.weight, 0);

const dispositions = [
  'tracking',
  'order',
  'enquiry',
  'complaint',
  'claim',
  'redirect',
  'return',
  'chase_delivery',
  'key_account',
  'other',
] as const;
const dispositionWeights = [38, 18, 14, 8, 4, 4, 3, 7, 2, 2];

interface Event {
  at: number;
  status: string;
  raw: string;
  location: string;
  description: string;
}

function trackingStory(
  rng: Rng,
  createdAt: number,
  origin: string,
  dest: string,
  now: number,
  courier: string,
): { events: Event[]; status: string; end: string } {
  let x = rng.next() * outcomeTotal;
  let end: string = 'DELIVERED';
  for (const o of outcomes) {
    x -= o.weight;
    if (x < 0) {
      end = o.end;
      break;
    }
  }
  const events: Event[] = [];
  let t = createdAt;
  const push = (
    status: string,
    raw: string,
    location: string,
    description: string,
    stepMin: number,
    stepMax: number,
  ): boolean => {
    t += rng.int(stepMin, stepMax) * 60_000;
    if (t > now) return false;
    events.push({ at: t, status, raw, location, description });
    return true;
  };
  events.push({
    at: createdAt,
    status: 'ORDER_CREATED',
    raw: '0',
    location: origin,
    description: `【${origin}】已下单，等待揽收`,
  });
  const steps: [string, string, string, string, number, number][] = [
    ['PICKED_UP', '1', origin, `【${origin}】快递员${courier}已揽收`, 30, 240],
    ['IN_TRANSIT', '0', origin, `【${origin}】已发出，下一站【${origin}转运中心】`, 60, 300],
    [
      'IN_TRANSIT',
      '0',
      `${origin}转运中心`,
      `【${origin}转运中心】已发往【${dest}转运中心】`,
      120,
      600,
    ],
    ['ARRIVED_DEST_CITY', '0', `${dest}转运中心`, `【${dest}转运中心】已到达`, 300, 1800],
    ['OUT_FOR_DELIVERY', '5', dest, `【${dest}】派件员正在派件，电话：${mobile(rng)}`, 120, 720],
  ];
  const stopAfter: Record<string, number> = {
    IN_TRANSIT: rng.int(2, 3),
    STALLED: rng.int(2, 3),
    LOST: 3,
    OUT_FOR_DELIVERY: 5,
    AT_PICKUP_POINT: 4,
    DELIVERY_FAILED: 5,
    DELIVERED: 5,
    RETURNING: 5,
    DAMAGED: 4,
    REFUSED: 5,
  };
  const n = stopAfter[end] ?? 5;
  for (const s of steps.slice(0, n)) {
    if (!push(...s)) return { events, status: events.at(-1)!.status, end };
  }
  const last = (
    status: string,
    raw: string,
    location: string,
    description: string,
    a: number,
    b: number,
  ) => {
    push(status, raw, location, description, a, b);
  };
  switch (end) {
    case 'DELIVERED':
      last(
        'DELIVERED',
        '3',
        dest,
        rng.chance(0.3)
          ? `【${dest}】已签收，签收人：快递柜，如有疑问请联系派件员`
          : `【${dest}】已签收，签收人：本人`,
        20,
        240,
      );
      break;
    case 'AT_PICKUP_POINT':
      last('AT_PICKUP_POINT', '501', dest, `【${dest}】已放入菜鸟驿站，请凭取件码取件`, 120, 600);
      break;
    case 'DELIVERY_FAILED':
      last(
        'DELIVERY_FAILED',
        '2',
        dest,
        `【${dest}】派件未成功：电话无人接听，将再次派送`,
        60,
        300,
      );
      break;
    case 'RETURNING':
      last('RETURNING', '6', dest, `【${dest}】收件人拒收，快件退回中`, 60, 600);
      break;
    case 'DAMAGED':
      last(
        'DAMAGED',
        '2',
        `${dest}转运中心`,
        `【${dest}转运中心】到件外包装破损，已拍照登记`,
        30,
        120,
      );
      break;
    case 'REFUSED':
      last('REFUSED', '14', dest, `【${dest}】收件人拒签`, 30, 300);
      break;
    case 'LOST':
      // No further scan: the parcel is missing somewhere between hubs; a claim is usually opened.
      break;
    default:
      break;
  }
  // STALLED and LOST have no scan of their own: the last real scan's status stands.
  return { events, status: events.at(-1)!.status, end };
}

/** Fills an empty database. Refuses one that already has agents (nothing is overwritten). */
export function seedDemoData(db: Db, options: SeedOptions): SeedCounts {
  for (const [k, v] of Object.entries({
    customers: options.customers,
    waybills: options.waybills,
    calls: options.calls,
  })) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`--${k} must be a whole number ≥ 0, got ${String(v)}`);
  }
  if (options.waybills > 0 && options.customers === 0)
    throw new RangeError('waybills need customers: --customers must be ≥ 1');
  if (options.calls > 0 && options.customers === 0)
    throw new RangeError('calls need customers: --customers must be ≥ 1');
  const existing = db
    .prepare<{ n: number }>(
      'SELECT (SELECT count(*) FROM agents) + (SELECT count(*) FROM customers) AS n',
    )
    .get();
  if ((existing?.n ?? 0) > 0)
    throw new Error('The database already has data; seed only an empty one (use --reset)');

  const rng = new Rng(options.seed);
  const now = options.now ?? Math.floor(Date.now() / DAY) * DAY;
  const batch = options.batchSize ?? 5000;
  const id = (ms: number) => uuidv7(ms, rng.bytes16());
  const counts: SeedCounts = {
    agents: 0,
    customers: 0,
    phones: 0,
    waybills: 0,
    trackingEvents: 0,
    problemReports: 0,
    calls: 0,
  };

  // Agents: the same fixed team every time so the README's demo accounts work.
  const insertAgent = db.prepare(
    `INSERT INTO agents (id, employee_no, name, role, team, password_hash, created_at)
     VALUES (@id, @employee_no, @name, @role, @team, @password_hash, @created_at)`,
  );
  const agentIds: string[] = [];
  db.transaction(() => {
    const team = [
      ...Array.from({ length: 10 }, (_, i) => ({ no: String(1001 + i), role: 'agent' })),
      { no: '9001', role: 'lead' },
    ];
    for (const member of team) {
      const agentId = id(now - 365 * DAY);
      // A per-agent salt from the seeded stream keeps the file byte-for-byte reproducible.
      const salt = Buffer.from(rng.bytes16());
      insertAgent.run({
        id: agentId,
        employee_no: member.no,
        name: demoName(rng),
        role: member.role,
        team: '华东一组',
        password_hash: hashPasswordSync(DEMO_PASSWORD, salt),
        created_at: now - 365 * DAY,
      });
      if (member.role === 'agent') agentIds.push(agentId);
      counts.agents++;
    }
  });

  const insertCustomer = db.prepare(
    `INSERT INTO customers (id, name, company, class, key_account_tier, province, city, address, created_at)
     VALUES (@id, @name, @company, @class, @tier, @province, @city, @address, @created_at)`,
  );
  const insertPhone = db.prepare('INSERT OR IGNORE INTO phones (phone, customer_id) VALUES (?, ?)');
  // Kept compactly for waybill/call generation: id, name, first phone, address, city.
  const cust: { id: string; name: string; phone: string; address: string; city: string }[] = [];
  for (let start = 0; start < options.customers; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(options.customers, start + batch); i++) {
        const createdAt = now - rng.int(30, 1500) * DAY;
        const customerId = id(createdAt);
        const cls = rng.chance(0.05) ? 'A' : rng.chance(0.26) ? 'B' : 'C';
        const isCompany = cls !== 'C' && rng.chance(0.6);
        const place = address(rng);
        const name = demoName(rng);
        insertCustomer.run({
          id: customerId,
          name,
          company: isCompany
            ? `${place.city.replace(/市$/, '')}${rng.pick(companyPrefixes)}${rng.pick(companySuffixes)}`
            : null,
          class: cls,
          tier: isCompany && cls === 'A' ? rng.int(1, 4) : null,
          province: place.province,
          city: place.city,
          address: place.address,
          created_at: createdAt,
        });
        const phone = mobile(rng);
        insertPhone.run([phone, customerId]);
        counts.phones++;
        if (rng.chance(0.15)) {
          insertPhone.run([mobile(rng), customerId]);
          counts.phones++;
        }
        cust.push({ id: customerId, name, phone, address: place.address, city: place.city });
        counts.customers++;
      }
    });
    options.onProgress?.(
      'customers',
      Math.min(options.customers, start + batch),
      options.customers,
    );
  }

  const insertWaybill = db.prepare(
    `INSERT INTO waybills (id, number, carrier, sender_customer_id, receiver_customer_id, sender_name, sender_phone,
       sender_address, receiver_name, receiver_phone, receiver_address, origin_city, dest_city, service_type,
       item_description, weight_g, declared_value_fen, insured, freight_fen, status, created_at, promised_at,
       last_event_at, synced_at)
     VALUES (@id, @number, @carrier, @sender_customer_id, @receiver_customer_id, @sender_name, @sender_phone,
       @sender_address, @receiver_name, @receiver_phone, @receiver_address, @origin_city, @dest_city, @service_type,
       @item_description, @weight_g, @declared_value_fen, @insured, @freight_fen, @status, @created_at, @promised_at,
       @last_event_at, @synced_at)`,
  );
  const insertEvent = db.prepare(
    'INSERT OR IGNORE INTO tracking_events (waybill_id, at, status, raw_state, location, description) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertProblem = db.prepare(
    'INSERT INTO problem_reports (id, waybill_id, kind, occurred_at, announced_at) VALUES (?, ?, ?, ?, ?)',
  );
  const usedNumbers = new Set<string>();
  for (let start = 0; start < options.waybills; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(options.waybills, start + batch); i++) {
        const sender = rng.pick(cust);
        const receiver = rng.pick(cust);
        const carrier = pickCarrier(rng);
        let number = carrier.make(rng);
        while (usedNumbers.has(number)) number = carrier.make(rng);
        usedNumbers.add(number);
        const createdAt = now - rng.int(0, 20 * 24 * 60) * 60_000;
        const waybillId = id(createdAt);
        const item = rng.pick(items);
        const declared = rng.chance(item.fragile || item.electronic ? 0.6 : 0.15)
          ? rng.int(item.valueYuan[0], item.valueYuan[1]) * 100
          : null;
        const story = trackingStory(rng, createdAt, sender.city, receiver.city, now, demoName(rng));
        const service = rng.pick(serviceTypes);
        const promiseDays =
          service === '同城急送'
            ? 0.5
            : service === '次日达'
              ? 1
              : service === '特快'
                ? 2
                : rng.int(3, 5);
        insertWaybill.run({
          id: waybillId,
          number,
          carrier: carrier.code,
          sender_customer_id: sender.id,
          receiver_customer_id: receiver.id,
          sender_name: sender.name,
          sender_phone: sender.phone,
          sender_address: sender.address,
          receiver_name: receiver.name,
          receiver_phone: receiver.phone,
          receiver_address: receiver.address,
          origin_city: sender.city,
          dest_city: receiver.city,
          service_type: service,
          item_description: item.name,
          weight_g: rng.int(100, 20_000),
          declared_value_fen: declared,
          insured: declared !== null && rng.chance(0.7) ? 1 : 0,
          freight_fen: rng.int(8, 60) * 100,
          status: story.status,
          created_at: createdAt,
          promised_at: createdAt + promiseDays * DAY,
          last_event_at: story.events.at(-1)!.at,
          synced_at: now,
        });
        for (const e of story.events) {
          insertEvent.run([waybillId, e.at, e.status, e.raw, e.location, e.description]);
          counts.trackingEvents++;
        }
        // Problem parcels (docs/DOMAIN.md §4): arrival damage is reported with its scan; a few parcels
        // arriving at the destination hub have a record but no parcel, or a parcel but no label.
        const last = story.events.at(-1)!;
        if (story.end === 'DAMAGED' && last.status === 'DAMAGED') {
          insertProblem.run([
            id(last.at),
            waybillId,
            'arrival_damage',
            last.at,
            rng.chance(0.5) ? last.at + rng.int(10, 170) * 60_000 : null,
          ]);
          counts.problemReports++;
        } else if (last.status === 'ARRIVED_DEST_CITY' && rng.chance(0.08)) {
          insertProblem.run([
            id(last.at),
            waybillId,
            rng.chance(0.5) ? 'no_parcel' : 'no_label',
            last.at,
            null,
          ]);
          counts.problemReports++;
        }
        counts.waybills++;
      }
    });
    options.onProgress?.('waybills', Math.min(options.waybills, start + batch), options.waybills);
  }
  usedNumbers.clear();

  const insertCall = db.prepare(
    `INSERT INTO calls (id, sip_call_id, agent_id, direction, remote_number, customer_id, offered_at, answered_at,
       ended_at, end_cause, hung_up_by, acw_ended_at, disposition, notes)
     VALUES (@id, @sip_call_id, @agent_id, @direction, @remote_number, @customer_id, @offered_at, @answered_at,
       @ended_at, @end_cause, @hung_up_by, @acw_ended_at, @disposition, NULL)`,
  );
  const dispositionTotal = dispositionWeights.reduce((a, b) => a + b, 0);
  for (let start = 0; start < options.calls; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(options.calls, start + batch); i++) {
        const customer = rng.pick(cust);
        // Working hours 08:00–22:00 China time (UTC+8) on one of the last 60 days.
        const day = now - rng.int(1, 60) * DAY;
        const offeredAt = day + rng.int(0, 14 * 3600) * 1000;
        const answered = rng.chance(0.94);
        const answeredAt = answered ? offeredAt + rng.int(2, 25) * 1000 : null;
        const endedAt =
          answeredAt !== null
            ? answeredAt + rng.int(40, 420) * 1000
            : offeredAt + rng.int(5, 30) * 1000;
        let x = rng.next() * dispositionTotal;
        let disposition: string = 'other';
        for (let k = 0; k < dispositions.length; k++) {
          x -= dispositionWeights[k]!;
          if (x < 0) {
            disposition = dispositions[k]!;
            break;
          }
        }
        insertCall.run({
          id: id(offeredAt),
          sip_call_id: `${rng.digits(10)}@pbx.demo`,
          agent_id: rng.pick(agentIds),
          direction: rng.chance(0.85) ? 'inbound' : 'outbound',
          remote_number: customer.phone,
          customer_id: customer.id,
          offered_at: offeredAt,
          answered_at: answeredAt,
          ended_at: endedAt,
          // Same causes as the softphone writes (shared/softphone/call-state.ts endCauses).
          ...(answered
            ? rng.chance(0.6)
              ? { end_cause: 'remote_hangup', hung_up_by: 'remote' }
              : { end_cause: 'agent_hangup', hung_up_by: 'agent' }
            : { end_cause: 'ring_timeout', hung_up_by: 'system' }),
          acw_ended_at: answered ? endedAt + rng.int(5, 90) * 1000 : null,
          disposition: answered ? disposition : null,
        });
        counts.calls++;
      }
    });
    options.onProgress?.('calls', Math.min(options.calls, start + batch), options.calls);
  }
  return counts;
}

/** The small demo data set, loaded by the shells into a desk that has no agents yet. */
export function seedDemoDeskIfEmpty(db: Db, logger: { info(m: string, f?: object): void }): void {
  const agents = db.prepare<{ n: number }>('SELECT count(*) AS n FROM agents').get()?.n ?? 0;
  if (agents > 0) return;
  const counts = seedDemoData(db, { customers: 200, waybills: 600, calls: 300, seed: 1 });
  // The demo desk has no PBX and its agents no SIP accounts: 示闲 without a registered softphone
  // (ADR 0011; a lead switches the rule back on under 软电话设置 → 座席软电话账号).
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES ('softphone.accountPolicy', ?, ?)
     ON CONFLICT (key) DO NOTHING`,
  ).run([JSON.stringify({ readyRequiresPhone: false, agentsConfigureOwn: true }), Date.now()]);
  logger.info('loaded the demo data set', { ...counts });
}
