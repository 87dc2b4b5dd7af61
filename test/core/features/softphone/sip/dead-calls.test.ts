import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../../electron/core/platform/ports';
import { SettingsRepo } from '../../../../../electron/core/platform/settings-repo';
import { sessionTimerPace } from '../../../../../electron/core/features/softphone/calls/session-timer';
import type { TestDesk } from '../../../../helpers/desk';
import { TEST_PASSWORD, createTestDesk } from '../../../../helpers/desk';
import type { RunningKamailio } from '../../../../sip-testbed/kamailio';
import { startKamailio } from '../../../../sip-testbed/kamailio';
import type { NodeMedia } from '../../../../sip-testbed/node-media';
import { attachNodeMedia } from '../../../../sip-testbed/node-media';
import type { SippOptions } from '../../../../sip-testbed/sipp';
import { sipCallKit } from '../../../../helpers/sip-calls';

/** This file's scenarios (test/sip-testbed/scenarios/{remote-hold,session-timer}-*.xml). */
type OwnScenario = 'remote-hold-caller' | 'session-timer-caller' | 'session-timer-too-small';

/**
 * Dead calls and the customer's hold, at the SIP level: real Kamailio, SIPp as the customer, the
 * Node media side reporting inbound RTP with its heartbeats as the renderer does. Session timers
 * run RFC 4028's real intervals (90 s) on a faster clock: `sessionTimerPace` makes one interval
 * second last 40 ms here (real time would take a minute per test), everything else is real time.
 */
// Real processes over real sockets on a loaded 2-core CI machine: a test that fails is run once
// more, and `npm test` lists every such pass-on-retry with its first failure (never hidden).
describe('dead calls and remote hold against Kamailio + SIPp', { retry: 1 }, () => {
  let pbx: RunningKamailio;
  let desk: TestDesk;
  let media: NodeMedia;
  const paceBefore = sessionTimerPace.msPerSecond;
  const pace = 40;

  const kit = sipCallKit({ desk: () => desk, pbx: () => pbx });
  const { call, refused, view, until, finished, record, ringing, stopSipps } = kit;
  const live = () => view().call!;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // The test bed's scenario list belongs to sipp.ts; these files are this feature's own.
  const sipp = (o: Omit<SippOptions, 'remote' | 'scenario'> & { scenario: OwnScenario }) =>
    kit.sipp({ ...o, scenario: o.scenario as SippOptions['scenario'] });
  const caller = (vars: SippOptions['vars'] = {}) =>
    kit.sipp({ scenario: 'caller', service: '1001', vars });
  /** The SIP messages SIPp received, from its message trace (each from its start line). */
  const received = (trace: string) =>
    trace
      .split(/^-{10,}.*$/m)
      .map((block) => block.trim())
      .filter((block) => /^\S+ message received/.test(block))
      .map((block) => block.slice(block.indexOf('\n')).trim().replaceAll('\r', ''));
  const segments = (id: string) =>
    desk.db.raw
      .prepare(
        'SELECT side, started_at, ended_at FROM call_hold_segments WHERE call_id = ? ORDER BY started_at',
      )
      .all(id) as { side: string; started_at: number; ended_at: number | null }[];
  const answered = async () => {
    const id = await ringing();
    await call('call.answer', { callId: id });
    return id;
  };

  beforeAll(async () => {
    pbx = await startKamailio();
    sessionTimerPace.msPerSecond = pace;
  });
  afterAll(async () => {
    sessionTimerPace.msPerSecond = paceBefore;
    await pbx?.stop();
  });
  afterEach(async () => {
    await stopSipps();
    media?.stop();
    desk?.cleanup();
  });

  /** A signed-in, registered, 示闲 agent whose media side reports inbound RTP with its heartbeats. */
  async function readyDesk(watch: { silenceSeconds?: number; silenceGraceSeconds?: number } = {}) {
    desk = createTestDesk({ clock: systemClock });
    // The lead's silence policy for this desk (default 20 s, then a grace): short here.
    new SettingsRepo(desk.db).set('softphone.callWatch', JSON.stringify(watch), Date.now());
    await desk.session.signIn('1001', TEST_PASSWORD);
    await call('softphone.configure', {
      server: pbx.wsUrl,
      aor: 'sip:1001@127.0.0.1',
      authUser: '1001',
      password: pbx.password,
    });
    await until('registration', () => desk.softphone.current().state === 'registered');
    media = await attachNodeMedia(desk, { inbound: true });
    await call('agent.setState', { target: { status: 'ready' } });
  }

  it('the customer holds and resumes: shown as the customer’s hold with its timer, recorded as a remote segment, the agent’s hold untouched', async () => {
    await readyDesk({ silenceSeconds: 3, silenceGraceSeconds: 3 });
    const run = await sipp({
      scenario: 'remote-hold-caller',
      service: '1001',
      vars: { TALK_MS: 1000, HOLD_MS: 4500, HOLD_DIR: 'sendonly' },
    });
    const id = await ringing();
    media.rtp(id, true);
    await call('call.answer', { callId: id });
    expect(live()).toMatchObject({ remoteHold: false, remoteHoldSince: null, silence: null });
    await until('the customer’s hold', () => live().remoteHold);
    // A held customer sends us nothing we count: the silence watch (3 s) must sleep meanwhile.
    media.rtp(id, false);
    const since = live().remoteHoldSince!;
    expect(since).toBeGreaterThanOrEqual(live().answeredAt!);
    expect(live()).toMatchObject({ phase: 'active', hold: 'none', holdSince: null, silence: null });
    expect(run.logLines()).toContain('HOLD 200 recvonly');
    await sleep(3500);
    expect(live()).toMatchObject({ remoteHold: true, silence: null, remoteHoldSince: since });
    expect(live()).toMatchObject({ hold: 'none', holdSince: null });
    await until('the customer resumes', () => !live().remoteHold);
    media.rtp(id, true);
    expect(live()).toMatchObject({ remoteHoldSince: null, hold: 'none', silence: null });
    await until('the resume answered', () => run.logLines().includes('RESUME 200 sendrecv'));
    await call('call.hangup', { callId: id });
    expect((await finished(run)).log).toContain('AGENT HUNG UP');
    const segs = segments(id);
    expect(segs).toHaveLength(1);
    expect(segs[0]).toMatchObject({ side: 'remote', started_at: since });
    expect(segs[0]!.ended_at! - segs[0]!.started_at).toBeGreaterThanOrEqual(4000);
    // History's hold time is the agent's own: the customer's hold is not counted as it.
    expect(record(id)).toMatchObject({ endCause: 'agent_hangup', holdCount: 0, holdMs: 0 });
  });

  it('a customer holding with a=inactive is held too; the call ending closes the segment', async () => {
    await readyDesk();
    const run = await sipp({
      scenario: 'remote-hold-caller',
      service: '1001',
      vars: { TALK_MS: 300, HOLD_MS: 60_000, HOLD_DIR: 'inactive' },
    });
    const id = await answered();
    await until('the customer’s hold', () => live().remoteHold);
    expect(run.logLines()).toContain('HOLD 200 inactive');
    await call('call.hangup', { callId: id });
    await finished(run);
    const segs = segments(id);
    expect(segs).toHaveLength(1);
    expect(segs[0]).toMatchObject({ side: 'remote', ended_at: record(id).endedAt });
  });

  it('a caller whose media stops: warned (with a deadline), then ended as media_timeout with a BYE', async () => {
    await readyDesk({ silenceSeconds: 3, silenceGraceSeconds: 3 });
    const run = await caller();
    const id = await answered();
    // No inbound packets at all (the heartbeats say 0): the warning comes after 3 s …
    await until('the warning', () => live().silence !== null, 8000);
    const { since, endsAt } = live().silence!;
    expect(live().phase).toBe('active');
    expect(since).toBeGreaterThanOrEqual(live().answeredAt!);
    expect(endsAt - Date.now()).toBeGreaterThan(1500);
    expect(endsAt - Date.now()).toBeLessThanOrEqual(3000);
    // … and the call ends after the grace, unless the agent keeps it.
    await until('the end', () => view().call?.phase === 'ended', 8000);
    expect(view().call).toMatchObject({
      cause: 'media_timeout',
      hungUpBy: 'system',
      silence: null,
    });
    expect(Date.now()).toBeGreaterThanOrEqual(endsAt - 100);
    expect((await finished(run)).log).toContain('AGENT HUNG UP');
    expect(record(id)).toMatchObject({ endCause: 'media_timeout', hungUpBy: 'system' });
    expect(desk.session.current()!.state).toEqual({ status: 'after_call_work' });
  });

  it('the agent keeps a silent call: the end is cancelled; media coming back clears the warning', async () => {
    await readyDesk({ silenceSeconds: 3, silenceGraceSeconds: 3 });
    const run = await caller();
    const id = await answered();
    expect((await refused('call.keep', { callId: id })).code).toBe('ILLEGAL_TRANSITION');
    await until('the warning', () => live().silence !== null, 8000);
    const warned = live().silence!;
    await call('call.keep', { callId: id });
    expect(live().silence).toBeNull();
    // Past the grace the call is still up (a keep restarts the watch: a new warning may follow).
    await sleep(warned.endsAt - Date.now() + 1000);
    expect(live().phase).toBe('active');
    // The customer is heard again: no warning while packets arrive.
    media.rtp(id, true);
    await until('media back', () => live().silence === null, 4000);
    await sleep(4000);
    expect(live()).toMatchObject({ phase: 'active', silence: null });
    await call('call.hangup', { callId: id });
    await finished(run);
    expect(record(id)).toMatchObject({ endCause: 'agent_hangup' });
  });

  it('the silence watch sleeps while the agent holds the customer', async () => {
    await readyDesk({ silenceSeconds: 3, silenceGraceSeconds: 3 });
    const run = await caller();
    const id = await answered();
    media.rtp(id, true);
    await call('call.hold', { callId: id });
    expect(live().hold).toBe('held');
    media.rtp(id, false); // the customer's phone sends nothing to a sendonly agent
    await sleep(7000);
    expect(live()).toMatchObject({ phase: 'active', hold: 'held', silence: null });
    await call('call.resume', { callId: id });
    // Silent after resuming: now it counts, from the resume on.
    await until('the warning after resume', () => live().silence !== null, 8000);
    await call('call.hangup', { callId: id });
    await finished(run);
    expect(record(id)).toMatchObject({ endCause: 'agent_hangup', holdCount: 1 });
  });

  it('Session-Expires: 90;refresher=uac and the caller never refreshes: BYE before expiry, recorded as session_expired', async () => {
    await readyDesk();
    const run = await sipp({
      scenario: 'session-timer-caller',
      service: '1001',
      vars: { SE: 90, REFRESHER: 'uac' },
    });
    const id = await answered();
    expect(live().sessionTimer).toMatchObject({ interval: 90, refresher: 'remote' });
    await until('the expiry', () => view().call?.phase === 'ended', 15_000);
    expect(view().call).toMatchObject({ cause: 'session_expired', hungUpBy: 'system' });
    const r = await finished(run);
    expect(r.log).toContain('ANSWERED Session-Expires 90 refresher=uac');
    expect(r.log).toContain('DESK HUNG UP');
    // Our 200 OK: the caller refreshes, and must know we require it.
    const ok = received(r.messages).find((m) =>
      /^SIP\/2\.0 200 .*\n(?:.*\n)*CSeq: *1 INVITE/.test(m),
    )!;
    expect(ok).toMatch(/^Require: *timer/im);
    expect(ok).toMatch(/^Supported: *.*\btimer\b/im);
    const rec = record(id);
    expect(rec).toMatchObject({ endCause: 'session_expired', hungUpBy: 'system' });
    // BYE at expiry minus min(32 s, a third): 60 interval seconds after the answer.
    const lasted = rec.endedAt! - rec.answeredAt!;
    expect(lasted).toBeGreaterThanOrEqual(60 * pace - 50);
    expect(lasted).toBeLessThan(90 * pace);
  });

  it('Session-Expires: 90;refresher=uas: the desk refreshes by re-INVITE at half the interval, and the call lives on', async () => {
    await readyDesk();
    const run = await sipp({
      scenario: 'session-timer-caller',
      service: '1001',
      vars: { SE: 90, REFRESHER: 'uas' },
    });
    const id = await answered();
    expect(live().sessionTimer).toMatchObject({ interval: 90, refresher: 'local' });
    const refreshes = () => run.logLines().filter((l) => l.startsWith('REFRESH'));
    await until('two refreshes', () => refreshes().length >= 2, 15_000);
    // Each refresh names us its refresher (we are its UAC) with the same interval.
    expect(refreshes()[0]).toBe('REFRESH 90 uac');
    // Past the first expiry (90 interval seconds) the call is still up, refreshed.
    expect(Date.now() - live().answeredAt!).toBeGreaterThan(90 * pace);
    expect(live()).toMatchObject({ phase: 'active', sessionTimer: { refresher: 'local' } });
    await call('call.hangup', { callId: id });
    const r = await finished(run);
    const reinvites = received(r.messages).filter((m) => m.startsWith('INVITE '));
    expect(reinvites.length).toBeGreaterThanOrEqual(2);
    for (const m of reinvites) {
      expect(m).toMatch(/^Session-Expires: *90;refresher=uac\s*$/m);
      expect(m).toMatch(/^Supported: *.*\btimer\b/m);
    }
    expect(record(id)).toMatchObject({ endCause: 'agent_hangup' });
  });

  it('an interval below the minimum gets 422 with Min-SE: 90; the caller’s retry at 90 rings and is answered', async () => {
    await readyDesk();
    const run = await sipp({
      scenario: 'session-timer-too-small',
      service: '1001',
      vars: { SE: 30, REFRESHER: 'uac' },
    });
    await until('the retry rings', () => run.logLines().includes('422 Min-SE 90'));
    const id = await ringing();
    await call('call.answer', { callId: id });
    expect(live().sessionTimer).toMatchObject({ interval: 90, refresher: 'remote' });
    await call('call.hangup', { callId: id });
    const r = await finished(run);
    expect(r.log).toContain('ANSWERED Session-Expires 90 refresher=uac');
    expect(r.log).toContain('DESK HUNG UP');
    // The refused first attempt is on record, ended by the system; the agent was never held up.
    const first = desk.calls.history(10).find((c) => c.id !== id)!;
    expect(first).toMatchObject({ endCause: 'interval_too_small', answeredAt: null });
  });
});
