import { afterEach, describe, expect, it } from 'vitest';
import type { TestDesk } from '../../../helpers/desk';
import { TEST_PASSWORD, createTestDesk } from '../../../helpers/desk';

describe('the after-call-work policy', () => {
  let desk: TestDesk;
  afterEach(() => desk?.cleanup());
  const audits = () =>
    desk.db.raw
      .prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'acw_policy'")
      .all() as { actor_id: string; detail: string }[];
  const policy = {
    mode: 'timed',
    seconds: 45,
    maxExtensions: 2,
    extendSeconds: 30,
    defaultDisposition: 'other',
  } as const;

  it('a lead’s change is audited with what it was and what it became; an agent’s is refused unaudited', async () => {
    desk = createTestDesk();
    await desk.session.signIn('1001', TEST_PASSWORD);
    const refused = await desk.dispatcher.dispatch('acw.setPolicy', policy);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(audits()).toEqual([]);
    await desk.session.signOut();
    await desk.session.signIn('9001', TEST_PASSWORD);
    const before = await desk.dispatcher.dispatch('acw.policy', {});
    expect(await desk.dispatcher.dispatch('acw.setPolicy', policy)).toMatchObject({ ok: true });
    const [row] = audits();
    expect(row!.actor_id).toBe(desk.session.current()!.agent.id);
    expect(JSON.parse(row!.detail)).toEqual({
      before: (before as { value: unknown }).value,
      after: policy,
    });
  });
});
