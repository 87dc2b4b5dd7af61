import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, RequestArgs, RequestName, SoftphoneView } from '@shared/contract';
import { systemClock } from '../../../electron/main/services/ports';
import type { TestDesk } from '../../helpers/desk';
import { TEST_PASSWORD, createTestDesk } from '../../helpers/desk';
import type { RunningKamailio } from '../../sip/kamailio';
import { freeUdpPort, startKamailio } from '../../sip/kamailio';
import type { NodeMedia } from '../../sip/node-media';
import { attachNodeMedia } from '../../sip/node-media';
import type { SippOptions, SippRun } from '../../sip/sipp';
import { startSipp } from '../../sip/sipp';

/**
 * Calls end to end at the SIP level: real Kamailio, real SIPp as the customer (and as the phone
 * the agent calls through the trunk), sip.js in the desk's main process, the media bridge
 * answered by the Node media side. Every test checks the persisted call record.
 */
describe('softphone calls against Kamailio + SIPp', () => {
  let pbx: RunningKamailio;
  let trunkPort: number;
  let desk: TestDesk;
  let media: NodeMedia;
  const sipps: SippRun[] = [];

  const call = async <N extends RequestName>(name: N, args: RequestArgs<N>) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return outcome.value as never;
  };
  const refused = async <N extends RequestName>(name: N, args: unknown) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (outcome.ok) throw new Error(`${name} was accepted`);
    return outcome.error;
  };
  const view = () => desk.calls.view();
  const until = async (what: string, test: () => boolean, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!test()) {
      const failedSipp = sipps.find((s) => (s.exitCode() ?? 0) !== 0);
      if (Date.now() > deadline || failedSipp) {
        const traces = sipps.map((s) => s.trace()).join('\n----\n');
        throw new Error(
          `timed out waiting for ${what}: ${JSON.stringify(view())}\n${traces}\n${pbx.log().slice(-1500)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const sipp = async (o: Omit<SippOptions, 'remote'> & { remote?: string }) => {
    const run = await startSipp({ remote: `127.0.0.1:${pbx.udpPort}`, ...o });
    sipps.push(run);
    return run;
  };
  const customerCalls = (vars: SippOptions['vars'] = {}) =>
    sipp({ scenario: 'caller', service: '1001', vars });
  const finished = async (run: SippRun) => {
    const r = await run.done;
    if (r.code !== 0)
      throw new Error(`SIPp exit ${r.code}\n${r.errors}\n${r.messages.slice(-3000)}`);
    return r;
  };
  const record = (id: string): CallRecord => {
    const r = desk.calls.history(50).find((c) => c.id === id);
    if (!r) throw new Error(`no call record ${id}`);
    return r;
  };
  const ringing = async () => {
    await until('an offer', () => view().call?.phase === 'offering');
    return view().call!.id;
  };
  const status = () => desk.session.current()!.state;

  beforeAll(async () => {
    trunkPort = await freeUdpPort();
    pbx = await startKamailio({ trunk: `127.0.0.1:${trunkPort}` });
  });
  afterAll(async () => {
    await pbx?.stop();
  });

  afterEach(async () => {
    for (const s of sipps.splice(0)) await s.stop();
    media?.stop();
    desk?.cleanup();
  });

  async function readyDesk(options: { ringTimeoutSeconds?: number } = {}) {
    desk = createTestDesk({ clock: systemClock });
    await desk.session.signIn('1001', TEST_PASSWORD);
    await call('softphone.configure', {
      server: pbx.wsUrl,
      aor: 'sip:1001@127.0.0.1',
      authUser: '1001',
      password: pbx.password,
    });
    await until('registration', () => desk.softphone.current().state === 'registered');
    media = await attachNodeMedia(desk);
    await call('acw.setPolicy', {
      mode: 'until_done',
      seconds: 30,
      maxExtensions: 1,
      extendSeconds: 30,
      defaultDisposition: 'other',
    }).catch(() => undefined); // agents may not (tested below); the default is timed 30 s
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
    await call('call.answer', { callId: id });
    expect(view().call).toMatchObject({ phase: 'active', hold: 'none' });
    expect(status()).toEqual({ status: 'in_call' });
    expect(media.ringing()).toBe(false);
    const r = await finished(run);
    expect(r.log.join('\n')).toContain('CUSTOMER HANGS UP');
    await until('the end', () => view().call?.phase === 'ended');
    expect(view().call).toMatchObject({ cause: 'remote_hangup', hungUpBy: 'remote' });
    expect(status()).toEqual({ status: 'after_call_work' });
    expect(view().acw).toMatchObject({ callId: id, next: { status: 'ready' } });
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
});
