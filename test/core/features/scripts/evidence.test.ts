import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDate } from '@shared/common/calendar';
import type { ComplianceRecord, RunView } from '@shared/scripts/contract';
import type { TestDesk } from '../../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { fakeInvitation } from '../../../helpers/fake-invitation';
import { allowReadyWithoutPhone } from '../../../helpers/phone-policy';
import { settled, tableRows } from '../../../helpers/refusals';

/**
 * What the call proves (issue 13): hold etiquette from the softphone's real holds, and the 下单
 * script's 保价 item from the order form's recorded outcome — real SQLite, through the dispatcher.
 */
describe('scripts: compliance from the call itself (holds, orders)', () => {
  let desk: TestDesk;
  const tables = ['call_scripts', 'call_checkpoints', 'orders'] as const;

  const call = async (name: string, args: unknown) => desk.dispatcher.dispatch(name, args);
  const ok = async <T = RunView>(name: string, args: unknown): Promise<T> => {
    const out = await call(name, args);
    if (!out.ok) {
      const ends = desk.db.raw.prepare('SELECT end_cause FROM calls').all();
      throw new Error(`${name}: ${out.error.code} ${out.error.message} ${JSON.stringify(ends)}`);
    }
    return out.value as T;
  };
  const checkpoints = (callId: string) =>
    Object.fromEntries(
      (
        desk.db.raw
          .prepare('SELECT item, required, outcome FROM call_checkpoints WHERE call_id = ?')
          .all(callId) as { item: string; required: number; outcome: string }[]
      ).map((r) => [r.item, `${r.required ? 'required' : 'optional'}:${r.outcome}`]),
    );

  let heartbeat: ReturnType<typeof setInterval> | undefined;

  /**
   * A connected call whose re-INVITEs (hold, resume) the far end accepts. The media side beats
   * with audio coming in, as the renderer's does: neither a slow run nor the test clock moved on
   * may end the call as lost or silent.
   */
  async function answer(number: string): Promise<string> {
    if (!desk.calls.view().mediaAttached) {
      const { owner } = await ok<{ owner: string }>('media.attach', {});
      let packets = 0;
      heartbeat = setInterval(() => {
        const live = desk.calls.view().call;
        packets += 50;
        const inbound = live ? [{ callId: live.id, packets }] : [];
        void call('media.heartbeat', { owner, inbound });
      }, 500);
    }
    const { invitation } = fakeInvitation({ number });
    Object.assign(invitation, {
      invite: (o: { requestDelegate: { onAccept(r: unknown): void } }) => {
        setImmediate(() =>
          o.requestDelegate.onAccept({ message: { getHeader: () => undefined, statusCode: 200 } }),
        );
        return Promise.resolve();
      },
    });
    desk.calls.onInvite(invitation);
    const callId = desk.calls.view().call!.id;
    await settled();
    await ok('call.answer', { callId });
    (invitation.delegate as { onAck(): void }).onAck();
    return callId;
  }

  beforeEach(async () => {
    desk = createTestDesk();
    allowReadyWithoutPhone(desk);
    await ok('auth.signIn', { employeeNo: '1001', password: TEST_PASSWORD });
    await ok('agent.setState', { target: { status: 'ready' } });
  });
  afterEach(() => {
    clearInterval(heartbeat);
    desk.cleanup();
  });

  it('hold etiquette: required by a real hold, met only by the phrases confirmed for it', async () => {
    const callId = await answer('13800000000');
    let view = await ok('scripts.start', { callId });
    expect(view.run.required).not.toContain('hold_etiquette');
    expect(view.evidence.holds).toEqual({ count: 0, open: false });

    // No hold yet: confirming phrases is refused, nothing stored.
    const before = tableRows(desk, tables);
    expect(await call('scripts.holdEtiquette', { callId, phrases: ['ask'] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', issues: [{ path: 'phrases', message: 'no_hold' }] },
    });
    for (const args of [
      { callId, phrases: [] },
      { callId, phrases: ['sing'] },
      { callId, phrases: ['ask', 'wait', 'thanks', 'ask'] },
      { callId },
    ]) {
      expect(await call('scripts.holdEtiquette', args), JSON.stringify(args)).toMatchObject({
        ok: false,
        error: { code: 'BAD_ARGUMENT' },
      });
    }
    expect(tableRows(desk, tables)).toEqual(before);

    // The agent holds: the item becomes required and stays open.
    await ok('call.hold', { callId });
    expect(desk.calls.view().call?.hold).toBe('held');
    view = await ok('scripts.run', { callId });
    expect(view.evidence.holds).toEqual({ count: 1, open: true });
    expect(view.open).toContain('hold_etiquette');
    expect(checkpoints(callId).hold_etiquette).toBe('required:open');

    // Asked and said how long; thanking while the caller is still on hold is refused.
    view = await ok('scripts.holdEtiquette', { callId, phrases: ['ask', 'wait'] });
    expect(view.run.hold).toEqual({ hold: 1, phrases: ['ask', 'wait'], confirmed: [] });
    const held = tableRows(desk, tables);
    expect(await call('scripts.holdEtiquette', { callId, phrases: ['thanks'] })).toMatchObject({
      ok: false,
      error: { issues: [{ message: 'still_on_hold' }] },
    });
    expect(tableRows(desk, tables)).toEqual(held);

    desk.clock.advance(1_000);
    await ok('call.resume', { callId });
    view = await ok('scripts.run', { callId });
    expect(view.evidence.holds).toEqual({ count: 1, open: false });
    expect(view.open).toContain('hold_etiquette');
    view = await ok('scripts.holdEtiquette', { callId, phrases: ['thanks'] });
    expect(view.open).not.toContain('hold_etiquette');
    expect(view.run.checkpoints.hold_etiquette).toBe('met');
    expect(checkpoints(callId).hold_etiquette).toBe('required:met');

    // Going back through the script keeps what the call proved.
    await ok('scripts.act', { callId, action: { type: 'checkpoint', outcome: 'met' } });
    view = await ok('scripts.act', { callId, action: { type: 'back' } });
    expect(view.run.checkpoints.hold_etiquette).toBe('met');

    // A second hold owes its own phrases. (The clock moves by seconds only: the media watch
    // reads it too, and a minute without a heartbeat would end the call as media_lost.)
    desk.clock.advance(1_000);
    await ok('call.hold', { callId });
    desk.clock.advance(1_000);
    await ok('call.resume', { callId });
    view = await ok('scripts.run', { callId });
    expect(view.evidence.holds.count).toBe(2);
    expect(view.open).toContain('hold_etiquette');
    await ok('scripts.holdEtiquette', { callId, phrases: ['ask', 'wait', 'thanks'] });

    await ok('call.hangup', { callId });
    await ok('scripts.close', { callId, reason: '已完成' });
    const record = await ok<ComplianceRecord>('scripts.compliance', { callId });
    expect(record.evidence.holds).toEqual({ count: 2, open: false });
    expect(record.checkpoints).toContainEqual({
      item: 'hold_etiquette',
      required: true,
      outcome: 'met',
    });
  });

  it("a tick on the script's hold step without a real hold proves nothing", async () => {
    const callId = await answer('13800000000');
    await ok('scripts.start', { callId, script: 'chase_delivery' });
    let view = await ok('scripts.act', { callId, action: { type: 'goto', step: 'cd_hold' } });
    expect(view.run.step).toBe('cd_hold');
    view = await ok('scripts.act', { callId, action: { type: 'checkpoint', outcome: 'met' } });
    expect(view.run.checkpoints.hold_etiquette).toBeUndefined();
    expect(checkpoints(callId).hold_etiquette).toBeUndefined();
  });

  it('the 保价 item: met by the order taken on the call, not by a tick; a tick counts without an order', async () => {
    const callId = await answer('13800000000');
    await ok('scripts.start', { callId, script: 'order' });
    const act = (action: unknown) => ok('scripts.act', { callId, action });
    await act({ type: 'checkpoint', outcome: 'met' });
    await act({ type: 'checkpoint', outcome: 'met' });
    await act({ type: 'capture', input: '深圳市南山区科苑路15号' });
    await act({ type: 'capture', input: '笔记本电脑' });
    await act({ type: 'capture', input: '3000' });
    // No order yet: the agent's tick counts (no order form used).
    let view = await act({ type: 'checkpoint', outcome: 'met' });
    expect(view.run.checkpoints.insurance_rules).toBe('met');
    expect(view.evidence.orders).toEqual([]);

    // An order no 保价 offer applied to (books, nothing declared) asked for no outcome: the
    // agent's tick still stands.
    const submit = (outcome: 'accepted' | 'declined' | null) =>
      ok<{ number: string }>('orders.submit', {
        draft: draft(outcome),
        customerId: null,
        callId,
        confirmed: true,
      });
    const first = await submit(null);
    view = await ok('scripts.run', { callId });
    expect(view.evidence.orders).toEqual([
      { number: first.number, insurance: null, offered: false },
    ]);
    expect(view.run.checkpoints.insurance_rules).toBe('met');
    // Untick it (back): with only that order, nothing proves the item but the agent.
    await act({ type: 'back' });
    view = await ok('scripts.run', { callId });
    expect(view.open).toContain('insurance_rules');

    // The form recorded 不保价 (declined): that is the proof, also after the run was closed.
    await ok('call.hangup', { callId });
    await ok('scripts.close', { callId, reason: '工单在话后整理中完成' });
    const second = await submit('declined');
    const record = await ok<ComplianceRecord>('scripts.compliance', { callId });
    expect(record.evidence.orders).toEqual([
      { number: first.number, insurance: null, offered: false },
      { number: second.number, insurance: 'declined', offered: true },
    ]);
    expect(record.checkpoints).toContainEqual({
      item: 'insurance_rules',
      required: true,
      outcome: 'met',
    });
    expect(checkpoints(callId).insurance_rules).toBe('required:met');
  });

  it('an order that offered 保价, taken during any script, makes the item required and meets it', async () => {
    const callId = await answer('13800000000');
    let view = await ok('scripts.start', { callId, script: 'enquiry' });
    expect(view.run.required).not.toContain('insurance_rules');
    await ok('orders.submit', { draft: draft(null), customerId: null, callId, confirmed: true });
    view = await ok('scripts.run', { callId });
    expect(view.run.required).not.toContain('insurance_rules'); // no offer applied
    await ok('orders.submit', {
      draft: draft('accepted'),
      customerId: null,
      callId,
      confirmed: true,
    });
    view = await ok('scripts.run', { callId });
    expect(view.run.required).toContain('insurance_rules');
    expect(view.open).not.toContain('insurance_rules');
  });

  function draft(outcome: 'accepted' | 'declined' | null) {
    return {
      sender: {
        name: '赵敏',
        phone: '13800000000',
        province: '广东省',
        city: '深圳市',
        district: '南山区',
        detail: '科苑路15号',
      },
      recipient: {
        name: '周杰',
        phone: '13700000000',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路90号',
      },
      goods: { description: '书籍', category: 'documents', pieces: 1, weightKg: 1 },
      service: 'standard',
      pickup: { date: localDate(desk.clock.now(), 'Asia/Shanghai'), slot: 'afternoon' },
      payment: { method: 'sender' },
      declaredValueFen: outcome === null ? null : 300_000,
      insurance: {
        outcome,
        declineReason: outcome === 'declined' ? '客户不需要' : null,
      },
      remarks: null,
    };
  }
});
