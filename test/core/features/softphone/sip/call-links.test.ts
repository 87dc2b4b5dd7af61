import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenPop } from '@shared/contract';
import { systemClock } from '../../../../../electron/core/platform/ports';
import type { TestDesk } from '../../../../helpers/desk';
import { TEST_PASSWORD, createTestDesk } from '../../../../helpers/desk';
import type { RunningKamailio } from '../../../../sip-testbed/kamailio';
import { freeUdpPort, startKamailio } from '../../../../sip-testbed/kamailio';
import type { NodeMedia } from '../../../../sip-testbed/node-media';
import { attachNodeMedia } from '../../../../sip-testbed/node-media';
import { sipCallKit } from '../../../../helpers/sip-calls';

/**
 * Every call is tied to its customer and kept under one spelling of the caller's number, against
 * real Kamailio + SIPp: the customer presents the number as PBXs do (+86…, 0086…, 86-1xx-…),
 * withholds it, gives up while it rings, or calls while the agent is not 示闲.
 */
// Real processes over real sockets on a loaded 2-core CI machine: a test that fails is run once
// more, and `npm test` lists every such pass-on-retry with its first failure (never hidden).
describe('calls tied to the customer, one form per number (Kamailio + SIPp)', { retry: 1 }, () => {
  let pbx: RunningKamailio;
  let desk: TestDesk;
  let media: NodeMedia;

  const { call, refused, view, until, sipp, finished, record, ringing, stopSipps } = sipCallKit({
    desk: () => desk,
    pbx: () => pbx,
  });
  /** The customer presenting `caller` calls, is answered, hangs up; the agent files the call. */
  const answeredCall = async (caller: string, during?: (id: string) => Promise<void>) => {
    const run = await sipp({
      scenario: 'caller',
      service: '1001',
      vars: { CALLER: caller, HANGUP_MS: 600 },
    });
    const id = await ringing();
    await call('call.answer', { callId: id });
    await during?.(id);
    await finished(run);
    await until('the hang-up', () => view().call?.phase === 'ended');
    await call('acw.complete', { disposition: 'tracking', next: { status: 'ready' } });
    return id;
  };
  const addCustomer = (id: string, name: string, phone: string) => {
    desk.db.raw
      .prepare(
        `INSERT INTO customers (id, name, class, province, city, address, created_at)
         VALUES (?, ?, 'B', '浙江省', '杭州市', '西湖区文三路 1 号', 0)`,
      )
      .run(id, name);
    desk.db.raw.prepare('INSERT INTO phones (phone, customer_id) VALUES (?, ?)').run(phone, id);
  };
  const addWaybill = (id: string, number: string, customerId: string) => {
    desk.db.raw
      .prepare(
        `INSERT INTO waybills (id, number, carrier, sender_customer_id, sender_name, sender_phone,
           sender_address, receiver_name, receiver_phone, receiver_address, origin_city, dest_city,
           service_type, item_description, weight_g, insured, freight_fen, status, created_at)
         VALUES (?, ?, 'SF', ?, '王芳', '13912345678', '杭州', '李雷', '13700000000', '上海',
           '杭州市', '上海市', '标快', '文件', 500, 0, 1200, 'IN_TRANSIT', ?)`,
      )
      .run(id, number, customerId, Date.now() - 86_400_000);
  };
  const pop = (number: string): ScreenPop => desk.waybills.screenPop(number);

  beforeAll(async () => {
    pbx = await startKamailio({ trunk: `127.0.0.1:${await freeUdpPort()}` });
  });
  afterAll(async () => {
    await pbx?.stop();
  });
  afterEach(async () => {
    await stopSipps();
    media?.stop();
    desk?.cleanup();
  });

  async function readyDesk() {
    desk = createTestDesk({ clock: systemClock });
    await desk.session.signIn('9001', TEST_PASSWORD);
    await call('acw.setPolicy', {
      mode: 'until_done',
      seconds: 30,
      maxExtensions: 1,
      extendSeconds: 30,
      defaultDisposition: 'other',
    });
    await call('auth.signOut', {});
    await desk.session.signIn('1001', TEST_PASSWORD);
    await call('softphone.configure', {
      server: pbx.wsUrl,
      aor: 'sip:1001@127.0.0.1',
      authUser: '1001',
      password: pbx.password,
    });
    await until('registration', () => desk.softphone.current().state === 'registered');
    media = await attachNodeMedia(desk);
    await call('agent.setState', { target: { status: 'ready' } });
  }

  it('stores one number for four spellings, keeps what was presented, and ties each call to the customer', async () => {
    await readyDesk();
    addCustomer('cu-wang', '王芳', '13912345678');
    const spellings = ['+8613912345678', '008613912345678', '86-139-1234-5678', '13912345678'];
    const ids: string[] = [];
    for (const caller of spellings) ids.push(await answeredCall(caller));
    expect(ids.map((id) => record(id).remoteNumber)).toEqual(Array(4).fill('13912345678'));
    expect(ids.map((id) => record(id).remoteNumberRaw)).toEqual([
      '+8613912345678',
      '008613912345678',
      '86-139-1234-5678',
      null,
    ]);
    expect(ids.map((id) => record(id).customerId)).toEqual(Array(4).fill('cu-wang'));
    expect(record(ids[0]!).customerName).toBe('王芳');
    // The pop's 最近联系 finds every one of them, whichever spelling the next call uses.
    expect(pop('+86 139 1234 5678').lastContacts).toHaveLength(4);
  });

  it('keeps a withheld or unreadable caller id as presented, under no number, and does not crash', async () => {
    await readyDesk();
    const anonymous = await answeredCall('anonymous');
    expect(record(anonymous)).toMatchObject({
      remoteNumber: '',
      remoteNumberRaw: 'anonymous',
      customerId: null,
    });
    const long = `1${'2'.repeat(199)}`;
    const garbage = await answeredCall(long);
    expect(record(garbage).remoteNumber).toBe('');
    expect(record(garbage).remoteNumberRaw).toBe(long.slice(0, 128));
    expect(desk.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('tells a caller who gave up apart from one refused while not ready', async () => {
    await readyDesk();
    addCustomer('cu-li', '李娜', '13800138000');
    const gaveUp = await sipp({
      scenario: 'caller-cancels',
      service: '1001',
      vars: { RING_MS: 400, CALLER: '+8613800138000' },
    });
    const id = await ringing();
    await finished(gaveUp);
    await until('the cancel', () => view().call?.phase === 'ended');
    expect(record(id)).toMatchObject({ remoteNumber: '13800138000', customerId: 'cu-li' });
    await call('agent.setState', { target: { status: 'not_ready', reason: 'paperwork' } });
    const busy = await sipp({
      scenario: 'caller-refused',
      service: '1001',
      vars: { CALLER: '13800138000' },
    });
    await finished(busy);
    const outcomes = pop('13800138000').lastContacts.map((c) => c.outcome);
    expect(outcomes).toEqual(['refused', 'abandoned']);
  });

  it('lets the agent pick among customers sharing the number, refuses a bad pick, links waybills opened during the call', async () => {
    await readyDesk();
    addCustomer('cu-a', '王芳', '13912345678');
    addCustomer('cu-b', '王磊', '13912345678');
    addWaybill('wb-1', 'SF1000000001', 'cu-b');
    const id = await answeredCall('13912345678', async (callId) => {
      // Two customers on the number: nobody is picked for the agent.
      expect(view().call!.customerId).toBeNull();
      const before = desk.db.raw.prepare('SELECT customer_id FROM calls WHERE id = ?').get(callId);
      for (const bad of [
        { callId, customerId: 'nobody' },
        { callId: 'no-such-call', customerId: 'cu-b' },
      ]) {
        expect(await refused('call.linkCustomer', bad)).toMatchObject({ code: 'NOT_FOUND' });
      }
      for (const bad of [
        {},
        { callId },
        { callId, customerId: '' },
        { callId, customerId: 'x'.repeat(65) },
        { callId, customerId: 'cu-b', extra: 1 },
        { callId: 42, customerId: 'cu-b' },
      ]) {
        expect(await refused('call.linkCustomer', bad)).toMatchObject({ code: 'BAD_ARGUMENT' });
      }
      expect(desk.db.raw.prepare('SELECT customer_id FROM calls WHERE id = ?').get(callId)).toEqual(
        before,
      );
      await call('call.linkCustomer', { callId, customerId: 'cu-b' });
      expect(view().call!.customerId).toBe('cu-b');
      await call('waybill.get', { number: 'SF1000000001' });
    });
    expect(record(id)).toMatchObject({
      customerId: 'cu-b',
      customerName: '王磊',
      waybillNumbers: ['SF1000000001'],
    });
  });
});
