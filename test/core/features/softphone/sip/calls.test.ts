import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AcwPolicy } from '@shared/contract';
import { systemClock } from '../../../../../electron/core/platform/ports';
import type { TestDesk } from '../../../../helpers/desk';
import { TEST_PASSWORD, createTestDesk } from '../../../../helpers/desk';
import type { RunningKamailio } from '../../../../sip-testbed/kamailio';
import { freeUdpPort, startKamailio } from '../../../../sip-testbed/kamailio';
import type { NodeMedia } from '../../../../sip-testbed/node-media';
import { attachNodeMedia } from '../../../../sip-testbed/node-media';
import type { SippOptions } from '../../../../sip-testbed/sipp';
import { sipCallKit } from '../../../../helpers/sip-calls';

/**
 * Calls end to end at the SIP level: real Kamailio, real SIPp as the customer (and as the phone
 * the agent calls through the trunk), sip.js in the desk's main process, the media bridge
 * answered by the Node media side. Every test checks the persisted call record.
 */
// Real processes over real sockets on a loaded 2-core CI machine: a test that fails is run once
// more, and `npm test` lists every such pass-on-retry with its first failure (never hidden).
describe('softphone calls against Kamailio + SIPp', { retry: 1 }, () => {
  let pbx: RunningKamailio;
  let trunkPort: number;
  let desk: TestDesk;
  let media: NodeMedia;

  const { call, refused, view, until, sipp, finished, record, ringing, stopSipps } = sipCallKit({
    desk: () => desk,
    pbx: () => pbx,
  });
  const customerCalls = (vars: SippOptions['vars'] = {}) =>
    sipp({ scenario: 'caller', service: '1001', vars });
  const status = () => desk.session.current()!.state;
  /** A customer calls, the agent answers, the customer hangs up after `hangupMs`: its call id. */
  const answeredShortCall = async (hangupMs: number) => {
    const run = await customerCalls({ HANGUP_MS: hangupMs });
    const id = await ringing();
    await call('call.answer', { callId: id });
    await finished(run);
    await until('the hang-up', () => view().call?.phase === 'ended');
    return id;
  };

  beforeAll(async () => {
    trunkPort = await freeUdpPort();
    pbx = await startKamailio({ trunk: `127.0.0.1:${trunkPort}` });
  });
  afterAll(async () => {
    await pbx?.stop();
  });

  afterEach(async () => {
    await stopSipps();
    media?.stop();
    desk?.cleanup();
  });

  /** ACW that lasts until the agent completes it, so no test races a 30 s timed default. */
  const untilDone: AcwPolicy = {
    mode: 'until_done',
    seconds: 30,
    maxExtensions: 1,
    extendSeconds: 30,
    defaultDisposition: 'other',
  };

  async function readyDesk(options: { ringTimeoutSeconds?: number } = {}) {
    desk = createTestDesk({ clock: systemClock });
    // Only a lead may set the ACW policy (an agent gets FORBIDDEN, tested below). It is the
    // desk's, not the shift's: set by the lead, it holds for the agent who signs in next.
    await desk.session.signIn('9001', TEST_PASSWORD);
    await call('acw.setPolicy', untilDone);
    await call('auth.signOut', {});
    await desk.session.signIn('1001', TEST_PASSWORD);
    expect(await call('acw.policy', {})).toEqual(untilDone);
    await call('softphone.configure', {
      server: pbx.wsUrl,
      aor: 'sip:1001@127.0.0.1',
      authUser: '1001',
      password: pbx.password,
    });
    await until('registration', () => desk.softphone.current().state === 'registered');
    media = await attachNodeMedia(desk);
    if (options.ringTimeoutSeconds) {
      await call('softphone.setOptions', { ringTimeoutSeconds: options.ringTimeoutSeconds });
    }
    await call('agent.setState', { target: { status: 'ready' } });
  }

  it('rings with the caller’s number, is answered, and the caller hangs up: record and ACW', async () => {
    await readyDesk();
    const run = await customerCalls({ HANGUP_MS: 1500, CALLER: '13912345678' });
    const id = await ringing();
    expect(view().call).toMatchObject({ remoteNumber: '13912345678', direction: 'inbound' });
    expect(view().call!.ringDeadline).toBeGreaterThan(Date.now());
    expect(status()).toEqual({ status: 'ringing' });
    await until('the ringer', () => media.ringing());
    // The media side prepared its answer to the caller's offer while it rang (ADR 0007) …
    const answers = () =>
      media.commands.filter((c) => c.op === 'getDescription' && c.callId === id);
    await until('the prepared answer', () => answers().length === 1);
    expect(answers()[0]).toMatchObject({ remoteOffer: expect.stringMatching(/^v=0/) });
    await call('call.answer', { callId: id });
    expect(view().call).toMatchObject({ phase: 'active', hold: 'none' });
    expect(status()).toEqual({ status: 'in_call' });
    // … so answering sent it without asking again; the ringer stops.
    expect(answers()).toHaveLength(1);
    await until('the ringer stops', () => !media.ringing());
    const r = await finished(run);
    expect(r.log.join('\n')).toContain('CUSTOMER HANGS UP');
    await until('the end', () => view().call?.phase === 'ended');
    expect(view().call).toMatchObject({ cause: 'remote_hangup', hungUpBy: 'remote' });
    expect(status()).toEqual({ status: 'after_call_work' });
    // The lead's policy: ACW stays until the agent completes it, with no deadline.
    expect(view().acw).toMatchObject({
      callId: id,
      mode: 'until_done',
      deadline: null,
      next: { status: 'ready' },
    });
    const rec = record(id);
    expect(rec).toMatchObject({
      direction: 'inbound',
      remoteNumber: '13912345678',
      endCause: 'remote_hangup',
      hungUpBy: 'remote',
      disposition: null,
    });
    expect(rec.sipCallId).toBeTruthy();
    expect(rec.answeredAt!).toBeGreaterThanOrEqual(rec.offeredAt);
    expect(rec.endedAt! - rec.answeredAt!).toBeGreaterThanOrEqual(1000);

    await call('acw.complete', {
      disposition: 'tracking',
      notes: '客户查件，已告知预计送达时间',
      next: { status: 'ready' },
    });
    expect(status()).toEqual({ status: 'ready' });
    expect(record(id)).toMatchObject({
      disposition: 'tracking',
      notes: '客户查件，已告知预计送达时间',
    });
    expect(record(id).acwEndedAt).toBeGreaterThanOrEqual(rec.endedAt!);
  });

  it('the agent hangs up; hold and resume by re-INVITE; INFO DTMF reaches the customer', async () => {
    await readyDesk();
    const run = await customerCalls();
    const id = await ringing();
    await call('call.answer', { callId: id });
    // Hold shows only once the re-INVITE is confirmed.
    const held = call('call.hold', { callId: id });
    expect(view().call!.hold).toBe('holding');
    await held;
    expect(view().call!.hold).toBe('held');
    expect(view().call!.holdSince).toBeGreaterThan(0);
    expect(media.directions.get(id)).toBe('sendonly');
    // Mute works while on hold.
    await call('call.mute', { callId: id, muted: true });
    expect(view().call).toMatchObject({ hold: 'held', muted: true });
    await new Promise((r) => setTimeout(r, 300));
    await call('call.resume', { callId: id });
    expect(view().call).toMatchObject({ hold: 'none', holdSince: null });
    expect(media.directions.get(id)).toBe('sendrecv');
    await call('call.dtmf', { callId: id, tones: '12#' });
    expect(view().call!.dtmfSent).toBe('12#');
    await until('the digits at SIPp', () => run.logLines().some((l) => l.includes('DTMF #')));
    await call('call.hangup', { callId: id });
    const r = await finished(run);
    const log = r.log.join('\n');
    expect(log).toContain('REINVITE hold 200');
    expect(log).toContain('REINVITE sendrecv 200');
    expect(log.match(/DTMF (\S)/g)).toEqual(['DTMF 1', 'DTMF 2', 'DTMF #']);
    expect(log).toContain('AGENT HUNG UP');
    const rec = record(id);
    expect(rec).toMatchObject({ endCause: 'agent_hangup', hungUpBy: 'agent', holdCount: 1 });
    expect(rec.holdMs).toBeGreaterThanOrEqual(300);
    expect(status()).toEqual({ status: 'after_call_work' });
  });

  it('hang-up pressed while the answer is being sent: answered, then ended by the agent with a BYE', async () => {
    await readyDesk();
    const run = await customerCalls();
    const id = await ringing();
    // Both at once, as when 挂断 (Alt+H) follows 接听 (Alt+A) before the call panel shows.
    const answered = call('call.answer', { callId: id });
    const hungUp = call('call.hangup', { callId: id });
    await Promise.all([answered, hungUp]);
    const r = await finished(run);
    expect(r.log.join('\n')).toContain('AGENT HUNG UP');
    expect(record(id)).toMatchObject({ endCause: 'agent_hangup', hungUpBy: 'agent' });
    expect(record(id).answeredAt).toBeGreaterThan(0);
    expect(status()).toEqual({ status: 'after_call_work' });
  });

  it('a refused hold shows NOT on hold, is retried, and nothing is recorded as held', async () => {
    await readyDesk();
    const run = await customerCalls({ REINVITE_CODE: 488, REINVITE_REASON: 'Not Acceptable Here' });
    const id = await ringing();
    await call('call.answer', { callId: id });
    await call('call.hold', { callId: id });
    expect(view().call!.hold).toBe('hold_failed');
    // Retried automatically (then left to the agent): SIPp saw more than one hold re-INVITE.
    await until(
      'a retry',
      () => run.logLines().filter((l) => l.includes('REINVITE hold 488')).length >= 2,
    );
    await call('call.hangup', { callId: id });
    await finished(run);
    expect(record(id)).toMatchObject({ holdCount: 0, holdMs: 0, endCause: 'agent_hangup' });
  });

  it('blind transfer: REFER, NOTIFY 200 shown, the call ends as transferred', async () => {
    await readyDesk();
    const run = await customerCalls();
    const id = await ringing();
    await call('call.answer', { callId: id });
    await call('call.transfer', { callId: id, target: '2001', mode: 'blind' });
    await until('the transfer', () => view().call?.phase === 'ended');
    expect(view().call).toMatchObject({ cause: 'transferred', transferNote: 'NOTIFY 200' });
    const r = await finished(run);
    expect(r.log.join('\n')).toMatch(/REFER .*sip:2001@127\.0\.0\.1/);
    expect(record(id)).toMatchObject({
      endCause: 'transferred',
      transferTarget: '2001',
      transferResult: 'completed',
    });
  });

  it('a transfer the far end refuses (NOTIFY 503) leaves the customer with the agent', async () => {
    await readyDesk();
    const run = await customerCalls({ NOTIFY_CODE: '503 Service Unavailable' });
    const id = await ringing();
    await call('call.answer', { callId: id });
    await call('call.transfer', { callId: id, target: '2001', mode: 'blind' });
    await until('the failed transfer', () => view().call?.transferNote === 'NOTIFY 503');
    expect(view().call).toMatchObject({ phase: 'active', transfer: { kind: 'none' } });
    await call('call.hangup', { callId: id });
    await finished(run);
    expect(record(id)).toMatchObject({
      endCause: 'agent_hangup',
      transferTarget: '2001',
      transferResult: 'failed',
    });
  });

  it('consult transfer: customer held, target called through the trunk, then completed', async () => {
    await readyDesk();
    const target = await sipp({ scenario: 'callee', port: trunkPort });
    const run = await customerCalls();
    const id = await ringing();
    await call('call.answer', { callId: id });
    await call('call.transfer', { callId: id, target: '139-0000-1111', mode: 'consult' });
    expect(view().call).toMatchObject({ hold: 'held', transfer: { kind: 'consult' } });
    await until('the target answers', () => view().call?.transfer.phase === 'talking');
    await call('call.consult', { callId: id, action: 'swap' });
    expect(view().call!.transfer.talkingTo).toBe('customer');
    await call('call.consult', { callId: id, action: 'swap' });
    await call('call.consult', { callId: id, action: 'complete' });
    await until('the end', () => view().call?.phase === 'ended');
    expect(view().call!.cause).toBe('transferred');
    const r = await finished(run);
    expect(r.log.join('\n')).toMatch(/REFER .*sip:callee@127\.0\.0\.1.*Replaces=/);
    expect((await finished(target)).log.join('\n')).toContain('AGENT HUNG UP');
    expect(record(id)).toMatchObject({
      transferTarget: '13900001111',
      transferResult: 'completed',
      holdCount: 1,
    });
  });

  it('consult transfer can be cancelled: the target leg ends, the customer stays held', async () => {
    await readyDesk();
    const target = await sipp({ scenario: 'callee', port: trunkPort });
    const run = await customerCalls();
    const id = await ringing();
    await call('call.answer', { callId: id });
    await call('call.transfer', { callId: id, target: '13900001111', mode: 'consult' });
    await until('the target answers', () => view().call?.transfer.phase === 'talking');
    await call('call.consult', { callId: id, action: 'cancel' });
    expect(view().call).toMatchObject({ hold: 'held', transfer: { kind: 'none' } });
    expect((await finished(target)).log.join('\n')).toContain('AGENT HUNG UP');
    await call('call.resume', { callId: id });
    await call('call.hangup', { callId: id });
    await finished(run);
    expect(record(id)).toMatchObject({ transferResult: 'cancelled', endCause: 'agent_hangup' });
  });

  it('outbound: click-to-dial a customer, talk, hang up, and return to the previous state', async () => {
    await readyDesk();
    await call('agent.setState', { target: { status: 'not_ready', reason: 'callback' } });
    const callee = await sipp({ scenario: 'callee', port: trunkPort });
    await call('call.dial', { number: '138 0013 8000' });
    expect(view().call).toMatchObject({ direction: 'outbound', phase: 'dialing' });
    expect(status()).toEqual({ status: 'in_call' });
    await until(
      'ringback',
      () => view().call?.remoteRinging === true || view().call?.phase === 'active',
    );
    await until('the answer', () => view().call?.phase === 'active');
    const id = view().call!.id;
    await call('call.hangup', { callId: id });
    expect((await finished(callee)).log.join('\n')).toContain('AGENT HUNG UP');
    expect(view().acw!.next).toEqual({ status: 'not_ready', reason: 'callback' });
    await call('acw.complete', {
      disposition: 'chase_delivery',
      next: view().acw!.next,
    });
    expect(status()).toEqual({ status: 'not_ready', reason: 'callback' });
    expect(record(id)).toMatchObject({
      direction: 'outbound',
      remoteNumber: '13800138000',
      endCause: 'agent_hangup',
      disposition: 'chase_delivery',
    });
  });

  it('outbound to a busy line ends as busy with no after-call work', async () => {
    await readyDesk();
    const callee = await sipp({ scenario: 'callee-busy', port: trunkPort });
    await call('call.dial', { number: '13800138000' });
    await until('busy', () => view().call?.phase === 'ended');
    await finished(callee);
    expect(view().call!.cause).toBe('remote_busy');
    expect(view().acw).toBeNull();
    expect(status()).toEqual({ status: 'ready' });
    expect(record(view().call!.id)).toMatchObject({ endCause: 'remote_busy', answeredAt: null });
  });

  it('a call while the agent is not ready is refused with 486 and counted', async () => {
    await readyDesk();
    await call('agent.setState', { target: { status: 'break', reason: 'meal' } });
    const run = await sipp({ scenario: 'caller-refused', service: '1001', vars: { CODE: 486 } });
    expect((await finished(run)).log.join('\n')).toContain('REFUSED 486');
    await until('the count', () => view().refusedNotReady === 1);
    expect(view().call).toBeNull();
    expect(status()).toEqual({ status: 'break', reason: 'meal' });
    // Counted, not shown in the agent's call history.
    expect(desk.calls.history(10)).toEqual([]);
  });

  it('ring timeout: 480 to the caller, the agent lands in 未接 and must acknowledge', async () => {
    await readyDesk({ ringTimeoutSeconds: 5 });
    const run = await sipp({ scenario: 'caller-refused', service: '1001', vars: { CODE: 480 } });
    const id = await ringing();
    expect((await finished(run)).log.join('\n')).toContain('REFUSED 480');
    expect(view().call).toMatchObject({ phase: 'ended', cause: 'ring_timeout' });
    expect(status()).toEqual({ status: 'not_ready', reason: 'missed_offer' });
    expect(media.ringing()).toBe(false);
    expect(record(id)).toMatchObject({ endCause: 'ring_timeout', answeredAt: null });
    // A new call now gets 486 until the agent acknowledges by choosing 示闲.
    const next = await sipp({ scenario: 'caller-refused', service: '1001', vars: { CODE: 486 } });
    await finished(next);
    await call('agent.setState', { target: { status: 'ready' } });
  });

  it('an offer whose record cannot be written: the ring is withdrawn, 500 to the caller, nothing kept', async () => {
    await readyDesk();
    // The disk refuses the write (a trigger stands in for a full or failing disk).
    desk.db.raw.exec(
      "CREATE TEMP TRIGGER no_calls BEFORE INSERT ON calls BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    );
    const phases: (string | null)[] = [];
    const stop = desk.subscribe((event, payload) => {
      if (event === 'softphone.changed')
        phases.push((payload as { call: { phase: string } | null }).call?.phase ?? null);
    });
    const run = await sipp({ scenario: 'caller-refused', service: '1001', vars: { CODE: 500 } });
    expect((await finished(run)).log.join('\n')).toContain('REFUSED 500');
    stop();
    // Shown in the same turn as the failed commit, then withdrawn: the agent never gets to act on it.
    expect(phases).toEqual(['offering', null]);
    expect(view().call).toBeNull();
    expect(status()).toEqual({ status: 'ready' });
    expect(media.ringing()).toBe(false);
    expect(desk.db.raw.prepare('SELECT COUNT(*) AS n FROM calls').get()).toEqual({ n: 0 });
    expect(
      desk.logger.entries.some((e) => e.message.startsWith('could not record the offer')),
    ).toBe(true);
    // Once the disk takes writes again, the next call rings and is recorded.
    desk.db.raw.exec('DROP TRIGGER no_calls');
    const id = await answeredShortCall(200);
    expect(record(id)).toMatchObject({ endCause: 'remote_hangup' });
  });

  it('the caller gives up while it rings: back to 示闲, recorded as a cancelled offer', async () => {
    await readyDesk();
    const run = await sipp({ scenario: 'caller-cancels', service: '1001', vars: { RING_MS: 500 } });
    const id = await ringing();
    await finished(run);
    await until('the cancel', () => view().call?.phase === 'ended');
    expect(view().call!.cause).toBe('remote_cancel');
    expect(status()).toEqual({ status: 'ready' });
    // The answer prepared while it rang is released on the media side.
    const ops = media.commands.filter((c) => 'callId' in c && c.callId === id).map((c) => c.op);
    expect(ops).toContain('getDescription');
    expect(ops[ops.length - 1]).toBe('close');
    expect(record(id)).toMatchObject({ endCause: 'remote_cancel', hungUpBy: 'remote' });
  });

  it('ends the call with a BYE when the window holding the media vanishes', async () => {
    await readyDesk();
    const run = await customerCalls();
    const id = await ringing();
    await call('call.answer', { callId: id });
    media.vanish();
    await until('media loss', () => view().call?.phase === 'ended', 20_000);
    expect(view().call!.cause).toBe('media_lost');
    expect((await finished(run)).log.join('\n')).toContain('AGENT HUNG UP');
    expect(record(id)).toMatchObject({ endCause: 'media_lost', hungUpBy: 'system' });
    expect(status()).toEqual({ status: 'after_call_work' });
  });

  it('refuses garbage from the agent clearly and records nothing', async () => {
    await readyDesk();
    for (const number of ['', 'abc', '12', '1'.repeat(30), '138;drop table', 'sip:@x']) {
      const e = await refused('call.dial', { number });
      expect(e.code).toBe('BAD_ARGUMENT');
    }
    expect((await refused('call.dial', { number: 5 })).code).toBe('BAD_ARGUMENT');
    const run = await customerCalls();
    const id = await ringing();
    await call('call.answer', { callId: id });
    expect((await refused('call.dtmf', { callId: id, tones: '1x' })).code).toBe('BAD_ARGUMENT');
    expect((await refused('call.dtmf', { callId: id, tones: '' })).code).toBe('BAD_ARGUMENT');
    expect(
      (await refused('call.transfer', { callId: id, target: '<script>', mode: 'blind' })).code,
    ).toBe('BAD_ARGUMENT');
    expect((await refused('call.hold', { callId: 'nope' })).code).toBe('NOT_FOUND');
    expect((await refused('call.resume', { callId: id })).code).toBe('ILLEGAL_TRANSITION');
    expect((await refused('call.answer', { callId: id })).code).toBe('ILLEGAL_TRANSITION');
    expect((await refused('media.reply', { owner: 'someone-else', seq: 1, ok: true })).code).toBe(
      'FORBIDDEN',
    );
    expect((await refused('acw.setPolicy', { mode: 'none', seconds: 1 })).code).toBe(
      'BAD_ARGUMENT',
    );
    expect(view().call).toMatchObject({
      phase: 'active',
      hold: 'none',
      transfer: { kind: 'none' },
    });
    await call('call.hangup', { callId: id });
    await finished(run);
    expect(desk.calls.history(10)).toHaveLength(1);
    expect(record(id)).toMatchObject({ transferTarget: null, holdCount: 0 });
  });

  it('only a lead may change after-call work; timed ACW applies the default disposition', async () => {
    await readyDesk();
    expect(
      (
        await refused('acw.setPolicy', {
          mode: 'none',
          seconds: 30,
          maxExtensions: 0,
          extendSeconds: 30,
          defaultDisposition: 'other',
        })
      ).code,
    ).toBe('FORBIDDEN');
    // Sign the lead in on this desk to set a short timed ACW with one extension.
    await call('auth.signOut', {});
    await desk.session.signIn('9001', TEST_PASSWORD);
    await call('acw.setPolicy', {
      mode: 'timed',
      seconds: 5,
      maxExtensions: 1,
      extendSeconds: 5,
      defaultDisposition: 'enquiry',
    });
    // The SIP account is the agent's, not the desk's (ADR 0011): the lead takes calls as 9001.
    await call('softphone.configure', {
      server: pbx.wsUrl,
      aor: 'sip:9001@127.0.0.1',
      authUser: '9001',
      password: pbx.password,
    });
    await until('registration', () => desk.softphone.current().state === 'registered');
    await call('agent.setState', { target: { status: 'ready' } });
    const run = await sipp({ scenario: 'caller', service: '9001', vars: { HANGUP_MS: 300 } });
    const id = await ringing();
    await call('call.answer', { callId: id });
    await finished(run);
    await until('ACW', () => view().acw !== null);
    const first = view().acw!.deadline!;
    await call('acw.extend', {});
    expect(view().acw!.deadline).toBe(first + 5000);
    expect((await refused('acw.extend', {})).code).toBe('ILLEGAL_TRANSITION');
    await until('the ACW timeout', () => status().status === 'ready', 15_000);
    expect(record(id)).toMatchObject({ disposition: 'enquiry' });
  });

  it('survives a PBX restart: re-registers, recovers the live call by re-INVITE, takes new calls', async () => {
    await readyDesk();
    const run = await customerCalls();
    const id = await ringing();
    await call('call.answer', { callId: id });
    const ports = { udp: pbx.udpPort, ws: pbx.wsPort };
    await pbx.stop();
    await until('the drop', () => view().call?.reconnecting === true);
    expect(view().call!.phase).toBe('active');
    pbx = await startKamailio({ ports, trunk: `127.0.0.1:${trunkPort}` });
    await until('re-registration', () => desk.softphone.current().state === 'registered', 20_000);
    await until('media recovered', () => view().call?.reconnecting === false);
    expect(run.logLines().filter((l) => l.includes('REINVITE sendrecv 200'))).toHaveLength(1);
    expect(media.commands.filter((c) => c.op === 'getDescription' && c.iceRestart)).toHaveLength(1);
    await call('call.hangup', { callId: id });
    await finished(run);
    expect(record(id)).toMatchObject({ endCause: 'agent_hangup' });
    await call('acw.complete', { disposition: 'other', next: { status: 'ready' } });
    // And the next customer gets through.
    const second = await answeredShortCall(300);
    expect(record(second)).toMatchObject({ endCause: 'remote_hangup' });
  });

  it('a microphone that fails at answer: clear error, 480 to the caller, recorded as media lost', async () => {
    await readyDesk();
    media.stop();
    media = await attachNodeMedia(desk, { failGetDescription: true });
    const run = await sipp({ scenario: 'caller-refused', service: '1001', vars: { CODE: 480 } });
    const id = await ringing();
    const e = await refused('call.answer', { callId: id });
    expect(e).toMatchObject({ code: 'INTERNAL' });
    expect(e.message).toContain('NotAllowedError');
    await finished(run);
    expect(record(id)).toMatchObject({ endCause: 'media_lost', answeredAt: null });
    expect(status()).toEqual({ status: 'ready' });
  });

  it('refuses malformed INVITEs (garbage SDP, 40 KiB body) without ringing or persisting', async () => {
    await readyDesk();
    const run = await sipp({ scenario: 'caller-malformed', service: '1001' });
    const r = await finished(run);
    expect(r.log.join('\n')).toContain('BAD SDP REFUSED');
    expect(r.log.join('\n')).toContain('HUGE REFUSED');
    expect(r.messages).toMatch(/SIP\/2\.0 488 Not Acceptable Here/);
    expect(r.messages).toMatch(/SIP\/2\.0 (413|513) /);
    expect(view().call).toBeNull();
    expect(status()).toEqual({ status: 'ready' });
    expect(desk.db.raw.prepare('SELECT COUNT(*) AS n FROM calls').get()).toEqual({ n: 0 });
    // And the desk still takes the next, well-formed call.
    const next = await customerCalls({ HANGUP_MS: 200 });
    const id = await ringing();
    await call('call.answer', { callId: id });
    await finished(next);
  });

  it('a reloaded console window takes over the media: the call it held ends as media lost', async () => {
    await readyDesk();
    const run = await customerCalls();
    const id = await ringing();
    await call('call.answer', { callId: id });
    const reloaded = await attachNodeMedia(desk);
    await until('the end', () => view().call?.phase === 'ended');
    expect(view().call).toMatchObject({ cause: 'media_lost', hungUpBy: 'system' });
    await finished(run);
    expect(record(id)).toMatchObject({ endCause: 'media_lost' });
    expect(view().mediaAttached).toBe(true);
    media.stop();
    media = reloaded;
  });

  it('while the PBX is down a 示闲 agent shows 示忙·系统故障, and is 示闲 again once re-registered', async () => {
    await readyDesk();
    const ports = { udp: pbx.udpPort, ws: pbx.wsPort };
    await pbx.stop();
    await until('parked', () => status().status === 'not_ready');
    expect(status()).toEqual({ status: 'not_ready', reason: 'system_issue' });
    pbx = await startKamailio({ ports, trunk: `127.0.0.1:${trunkPort}` });
    await until('re-registration', () => desk.softphone.current().state === 'registered', 20_000);
    await until('restored', () => status().status === 'ready');
    const log = desk.session.stateLog(3).map((e) => e.state);
    expect(log).toEqual([
      { status: 'ready' },
      { status: 'not_ready', reason: 'system_issue' },
      { status: 'ready' },
    ]);
  });
});
