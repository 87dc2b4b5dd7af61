/**
 * What the SIP-level call tests share (real Kamailio, SIPp as the customer, sip.js in the desk):
 * requests through the dispatcher, waiting for the call view with a report that says why it did
 * not come, SIPp runs that are stopped after each test, and the persisted call record.
 */
import { vi } from 'vitest';
import type { CallRecord, RequestArgs, RequestName } from '@shared/contract';
import type { RunningKamailio } from '../sip-testbed/kamailio';
import type { SippOptions, SippRun } from '../sip-testbed/sipp';
import { startSipp } from '../sip-testbed/sipp';
import type { TestDesk } from './desk';

/** `call` resolves to the request's value, `refused` to its error; either throws otherwise. */
export function dispatchKit(desk: () => Pick<TestDesk, 'dispatcher'>) {
  return {
    async call<N extends RequestName>(name: N, args: RequestArgs<N>): Promise<never> {
      const outcome = await desk().dispatcher.dispatch(name, args);
      if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
      return outcome.value as never;
    },
    async refused(name: string, args: unknown) {
      const outcome = await desk().dispatcher.dispatch(name, args);
      if (outcome.ok) throw new Error(`${name} was accepted`);
      return outcome.error;
    },
  };
}

export function sipCallKit(ctx: { desk: () => TestDesk; pbx: () => RunningKamailio }) {
  const sipps: SippRun[] = [];
  const { call, refused } = dispatchKit(ctx.desk);
  const view = () => ctx.desk().calls.view();
  /**
   * Waits for `test`; a SIPp that failed will not bring it about, so it stops waiting at once.
   * On failure the message leads with the shortest and most telling facts (a CI log may keep
   * only its head): the view, the agent's state, SIPp's exit codes, the desk's last log lines;
   * then SIPp's traces and Kamailio's log.
   */
  const until = async (what: string, test: () => boolean, timeout = 15_000) => {
    const settled = () => test() || sipps.some((s) => (s.exitCode() ?? 0) !== 0);
    await vi
      .waitFor(
        () => {
          if (!settled()) throw new Error(`not yet: ${what}`);
        },
        { timeout, interval: 25 },
      )
      .catch(() => undefined);
    if (test()) return;
    const desk = ctx.desk();
    const exits = sipps.map((s) => s.exitCode());
    const deskLog = desk.logger.entries
      .slice(-12)
      .map((e) => `${e.level} ${e.message} ${JSON.stringify(e.fields ?? {})}`)
      .join('\n');
    const traces = sipps.map((s) => s.trace().slice(-3000)).join('\n----\n');
    throw new Error(
      `timed out waiting for ${what}: ${JSON.stringify(view())}\nstate ${JSON.stringify(desk.session.current()?.state)}, SIPp exits ${JSON.stringify(exits)}\ndesk log:\n${deskLog}\n${traces}\n${ctx.pbx().log().slice(-1500)}`,
    );
  };
  /** Starts SIPp against the test bed's Kamailio; stopped by `stopSipps`. */
  const sipp = async (o: Omit<SippOptions, 'remote'> & { remote?: string }) => {
    const run = await startSipp({ remote: `127.0.0.1:${ctx.pbx().udpPort}`, ...o });
    sipps.push(run);
    return run;
  };
  const finished = async (run: SippRun) => {
    const r = await run.done;
    if (r.code !== 0)
      throw new Error(`SIPp exit ${r.code}\n${r.errors}\n${r.messages.slice(-3000)}`);
    return r;
  };
  const record = (id: string): CallRecord => {
    const r = ctx
      .desk()
      .calls.history(50)
      .find((c) => c.id === id);
    if (!r) throw new Error(`no call record ${id}`);
    return r;
  };
  /** Waits for the next offer: its call id. */
  const ringing = async () => {
    await until('an offer', () => view().call?.phase === 'offering');
    return view().call!.id;
  };
  const stopSipps = async () => {
    for (const s of sipps.splice(0)) await s.stop();
  };
  return { call, refused, view, until, sipp, finished, record, ringing, sipps, stopSipps };
}
