import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromLocal } from '@shared/common/calendar';
import type { CarrierCode } from '@shared/waybills/waybill';
import { TrackingRepo } from '../../../../electron/core/features/waybills/tracking-repo';
import { WaybillsRepo } from '../../../../electron/core/features/waybills/waybills-repo';
import type { TrackingSourceError } from '../../../../electron/core/features/waybills/tracking';
import {
  Kuaidi100TrackingSource,
  MirrorTrackingSource,
  refreshBackoffMs,
  TrackingService,
} from '../../../../electron/core/features/waybills/tracking';
import type { TestDesk } from '../../../helpers/desk';
import { createSeededDesk } from '../../../helpers/desk';

/**
 * A local server that speaks the Kuaidi100 real-time query format, including its failure modes.
 * `mode` picks the next answer; the server checks the signature like the real one does.
 */
const CUSTOMER = 'CUST123';
const KEY = 'secret-key';
let mode:
  | 'ok'
  | 'not_found'
  | 'bad_sign'
  | 'slow'
  | 'malformed'
  | 'rate_limited'
  | 'http500'
  | 'missing_fields' = 'ok';
let requests: { param: Record<string, string>; sign: string }[] = [];
let server: Server;
let url: string;

function answer(num: string) {
  return {
    message: 'ok',
    state: '5',
    status: '200',
    ischeck: '0',
    com: 'shunfeng',
    nu: num,
    data: [
      {
        time: '2026-11-22 09:30:00',
        ftime: '2026-11-22 09:30:00',
        context: '【杭州市】快递员正在派件',
        statusCode: '5',
        areaName: '杭州市',
      },
      {
        time: '2026-11-21 22:10:00',
        ftime: '2026-11-21 22:10:00',
        context: '【杭州转运中心】已到达',
        statusCode: '1001',
        areaName: '杭州市',
      },
      {
        time: '2026-11-20 15:00:00',
        ftime: '2026-11-20 15:00:00',
        context: '【深圳市】已揽收',
        statusCode: '103',
      },
    ],
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const paramText = form.get('param') ?? '';
      const sign = form.get('sign') ?? '';
      requests.push({ param: JSON.parse(paramText) as Record<string, string>, sign });
      const expected = createHash('md5')
        .update(paramText + KEY + form.get('customer'))
        .digest('hex')
        .toUpperCase();
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res
          .writeHead(status, { 'content-type': 'application/json', ...headers })
          .end(typeof json === 'string' ? json : JSON.stringify(json));
      };
      if (mode === 'bad_sign' || sign !== expected)
        return send(200, { result: false, returnCode: '503', message: '验证签名失败' });
      if (mode === 'slow') return setTimeout(() => send(200, answer('x')), 2000);
      if (mode === 'not_found')
        return send(200, {
          result: false,
          returnCode: '500',
          message: '查询无结果，请隔段时间再查',
        });
      if (mode === 'malformed') return send(200, '{"message":"ok","state":');
      if (mode === 'rate_limited')
        return send(429, { message: 'too many requests' }, { 'retry-after': '120' });
      if (mode === 'http500') return send(500, { message: 'oops' });
      if (mode === 'missing_fields')
        return send(200, { message: 'ok', state: '0', data: [{ context: 'no time' }] });
      const param = JSON.parse(paramText) as { num: string };
      send(200, answer(param.num));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/poll/query.do`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  mode = 'ok';
  requests = [];
});

const source = (timeoutMs = 1000) =>
  new Kuaidi100TrackingSource({ url, customer: CUSTOMER, key: KEY, timeoutMs });

describe('Kuaidi100-style tracking source (against a local server speaking the format)', () => {
  it('signs the query, sends carrier code and phone last-4, and maps states and local times', async () => {
    const snap = await source().fetch({
      number: 'SF1234567890123',
      carrier: 'SF',
      phoneLast4: '5678',
    });
    expect(requests[0]!.param).toEqual({
      com: 'shunfeng',
      num: 'SF1234567890123',
      phone: '5678',
      resultv2: '1',
    });
    expect(snap.status).toBe('OUT_FOR_DELIVERY');
    expect(snap.events.map((e) => e.status)).toEqual([
      'PICKED_UP',
      'ARRIVED_DEST_CITY',
      'OUT_FOR_DELIVERY',
    ]);
    expect(snap.events[0]!.at).toBe(fromLocal(2026, 11, 20, 15, 0, 'Asia/Shanghai'));
    expect(snap.events[2]).toMatchObject({
      location: '杭州市',
      rawState: '5',
      description: '【杭州市】快递员正在派件',
    });
  });

  it('turns every failure into a typed error', async () => {
    const fails = async (m: typeof mode, timeoutMs = 1000) => {
      mode = m;
      try {
        await source(timeoutMs).fetch({ number: 'SF1234567890123', carrier: 'SF' });
      } catch (err) {
        return err as TrackingSourceError;
      }
      throw new Error('expected a failure');
    };
    expect((await fails('not_found')).kind).toBe('not_found');
    expect((await fails('bad_sign')).kind).toBe('auth');
    expect((await fails('malformed')).kind).toBe('malformed');
    expect((await fails('missing_fields')).kind).toBe('malformed');
    expect((await fails('http500')).kind).toBe('http');
    const limited = await fails('rate_limited');
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate_limited', 120_000]);
    expect((await fails('slow', 200)).kind).toBe('timeout');
    const unreachable = new Kuaidi100TrackingSource({
      url: 'http://127.0.0.1:1/none',
      customer: CUSTOMER,
      key: KEY,
    });
    await expect(unreachable.fetch({ number: 'SF1', carrier: 'SF' })).rejects.toMatchObject({
      kind: 'network',
    });
    // A code the desk does not know (a row written by a newer desk, say) is refused, not guessed.
    await expect(
      source().fetch({ number: 'X', carrier: 'NOPE' as CarrierCode }),
    ).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});

describe('tracking refresh: mirror first, live in the background, failures queued with backoff', () => {
  let desk: TestDesk;
  let refreshed: string[];
  let tracking: TrackingService;
  let waybill: { id: string; number: string; carrier: CarrierCode; status: string };

  beforeEach(async () => {
    desk = await createSeededDesk({ customers: 20, waybills: 30, calls: 0, seed: 5 }, -86_400_000);
    waybill = desk.db.raw
      .prepare("SELECT id, number, carrier, status FROM waybills WHERE carrier = 'SF' LIMIT 1")
      .get() as typeof waybill;
    refreshed = [];
    tracking = new TrackingService({
      repo: new TrackingRepo(desk.db),
      source: source(),
      clock: desk.clock,
      logger: desk.logger,
      onRefreshed: (n) => refreshed.push(n),
    });
  });
  afterEach(() => {
    tracking.dispose();
    desk.cleanup();
  });

  it('updates the mirror, marks it synced, and announces the refresh', async () => {
    await tracking.requestRefresh(waybill.id, waybill.number, waybill.carrier, '5678');
    const row = desk.db.raw
      .prepare('SELECT status, synced_at FROM waybills WHERE id = ?')
      .get(waybill.id);
    expect(row).toEqual({ status: 'OUT_FOR_DELIVERY', synced_at: desk.clock.now() });
    expect(refreshed).toEqual([waybill.number]);
    expect(tracking.isLive(desk.clock.now())).toBe(true);
    // A second ask within the interval does not call the API again.
    await tracking.requestRefresh(waybill.id, waybill.number, waybill.carrier);
    expect(requests).toHaveLength(1);
    const mirror = await new MirrorTrackingSource(new WaybillsRepo(desk.db)).fetch({
      number: waybill.number,
      carrier: 'SF',
    });
    expect(mirror.events.at(-1)?.description).toBe('【杭州市】快递员正在派件');
  });

  it('queues a failed refresh, retries it with backoff, and clears it on success', async () => {
    mode = 'http500';
    const before = desk.db.raw
      .prepare('SELECT status, synced_at FROM waybills WHERE id = ?')
      .get(waybill.id);
    await tracking.requestRefresh(waybill.id, waybill.number, waybill.carrier);
    expect(
      desk.db.raw.prepare('SELECT status, synced_at FROM waybills WHERE id = ?').get(waybill.id),
    ).toEqual(before); // mirror untouched
    const queued = () =>
      desk.db.raw
        .prepare('SELECT attempts, next_attempt_at - ? AS wait FROM tracking_refresh_queue')
        .get(desk.clock.now());
    expect(queued()).toEqual({ attempts: 1, wait: 60_000 });
    await tracking.processQueue(); // not due yet
    expect(requests).toHaveLength(1);
    desk.clock.advance(60_000);
    await tracking.processQueue();
    expect(queued()).toEqual({ attempts: 2, wait: 120_000 });
    mode = 'ok';
    desk.clock.advance(120_000);
    await tracking.processQueue();
    expect(queued()).toBeUndefined();
    expect(refreshed).toEqual([waybill.number]);
    expect(
      desk.logger.entries.filter((e) => e.message === 'tracking refresh failed; queued'),
    ).toHaveLength(2);
  });

  it('waits as long as a rate limit asks', async () => {
    mode = 'rate_limited';
    await tracking.requestRefresh(waybill.id, waybill.number, waybill.carrier);
    expect(
      desk.db.raw
        .prepare('SELECT next_attempt_at - ? AS wait FROM tracking_refresh_queue')
        .get(desk.clock.now()),
    ).toEqual({ wait: 120_000 });
  });

  it('backs off 1, 2, 4 … up to 60 minutes', () => {
    expect([1, 2, 3, 4, 7, 20].map(refreshBackoffMs)).toEqual([
      60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000,
    ]);
  });

  it('the detail view answers from the mirror at once and says it is offline data', async () => {
    const d = desk.waybills.detail(waybill.number);
    expect(d.source).toBe('mirror');
    expect(d.asOf).toBe(desk.clock.now() - 86_400_000);
  });
});
