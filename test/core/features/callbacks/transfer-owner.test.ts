import { afterEach, describe, expect, it } from 'vitest';
import type { TestDesk } from '../../../helpers/desk';
import { TEST_PASSWORD, addAgent, createTestDesk } from '../../../helpers/desk';

/** 首问 handed over formally (the handover book): an open call-back changes owner, audited. */
describe('CallbackService.transferOwner', () => {
  let desk: TestDesk;
  afterEach(() => desk.cleanup());

  it('moves an open call-back from its owner to the receiver, audited; a closed one, or one passed on meanwhile, stays where it is', async () => {
    desk = createTestDesk();
    const to = addAgent(desk.db, { employeeNo: '1002', name: '王芳', role: 'agent' });
    await desk.session.signIn('1001', TEST_PASSWORD);
    const from = desk.session.current()!.agent.id;
    const promise = () =>
      desk.callbacks.promise({
        reason: '回复理赔进度',
        dueAt: desk.clock.now() + 3_600_000,
        callId: null,
        number: '13800138000',
        customerId: null,
        waybillId: null,
      });
    const open = promise();
    const closed = promise();
    desk.callbacks.close(closed.id, 'reached', null);
    expect(desk.callbacks.openOf(from).map((c) => c.id)).toEqual([open.id]);

    expect(desk.callbacks.transferOwner(open.id, from, to, to, 'h1')).toBe(true);
    expect(desk.callbacks.transferOwner(closed.id, from, to, to, 'h1')).toBe(false);
    expect(desk.callbacks.transferOwner('nope', from, to, to, 'h1')).toBe(false);
    // An older handover's item accepted late: the call-back already went on; it stays put.
    const late = addAgent(desk.db, { employeeNo: '1003', name: '李雷', role: 'agent' });
    expect(desk.callbacks.transferOwner(open.id, from, late, late, 'h0')).toBe(false);
    expect(desk.callbacks.openOf(from)).toEqual([]);
    expect(desk.callbacks.openOf(to).map((c) => c.id)).toEqual([open.id]);
    const owner = (id: string) =>
      (
        desk.db.raw.prepare('SELECT owner_id FROM callbacks WHERE id = ?').get(id) as {
          owner_id: string;
        }
      ).owner_id;
    expect(owner(closed.id)).toBe(from);
    expect(
      desk.db.raw
        .prepare("SELECT subject, detail FROM audit_log WHERE action = 'callback_transfer'")
        .all(),
    ).toEqual([{ subject: open.id, detail: JSON.stringify({ from, to, via: 'h1' }) }]);
  });
});
