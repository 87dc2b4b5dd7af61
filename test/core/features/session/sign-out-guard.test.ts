import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';
import type { TestDesk } from '../../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { tableRows } from '../../../helpers/refusals';

/** The session asks a guard before the agent's sign-out (the handover book installs one). */
describe('DeskSessionService: sign-out guard', () => {
  let desk: TestDesk;
  beforeEach(async () => {
    desk = createTestDesk();
    await desk.session.signIn('1001', TEST_PASSWORD);
  });
  afterEach(() => desk.cleanup());

  it('a refusing guard keeps the agent signed in with the shift and its log as they were', () => {
    let asked = 0;
    desk.session.setSignOutGuard((s) => {
      asked += 1;
      expect(s.agent.employeeNo).toBe('1001');
      throw new ContractError('ILLEGAL_TRANSITION', 'not yet');
    });
    const before = tableRows(desk, ['shifts', 'agent_state_log', 'audit_log']);
    expect(() => desk.session.signOutOrAfterCall()).toThrow(/not yet/);
    expect(asked).toBe(1);
    expect(desk.session.current()).not.toBeNull();
    expect(tableRows(desk, ['shifts', 'agent_state_log', 'audit_log'])).toEqual(before);
  });

  it('without a guard (removed with null) sign-out behaves as before', () => {
    desk.session.setSignOutGuard(null);
    expect(desk.session.signOutOrAfterCall()).toBeNull();
    expect(desk.session.current()).toBeNull();
    expect(desk.db.raw.prepare('SELECT end_reason FROM shifts').get()).toEqual({
      end_reason: 'sign_out',
    });
  });
});
