import { describe, expect, it } from 'vitest';
import { createDesk } from '../../../../electron/core/desk';
import { CallsRepo } from '../../../../electron/core/features/softphone/calls-repo';
import { MemoryLogger } from '../../../../electron/core/platform/ports';
import { TEST_PASSWORD, TestClock, createTestDesk } from '../../../helpers/desk';

describe('call records', () => {
  it('writes each step as it happens and sums hold time per call', async () => {
    const desk = createTestDesk();
    try {
      const s = await desk.session.signIn('1001', TEST_PASSWORD);
      const repo = new CallsRepo(desk.db);
      const base = {
        agent_id: s.agent.id,
        shift_id: s.shift.id,
        customer_id: null,
        remote_number_raw: null,
        remote_name: null,
      };
      repo.insert({
        ...base,
        id: 'k1',
        sip_call_id: 'a@h',
        direction: 'inbound',
        remote_number: '13800000000',
        offered_at: 1000,
      });
      repo.answered('k1', 3000);
      repo.holdStarted('k1', 5000);
      repo.holdEnded('k1', 9000);
      repo.holdStarted('k1', 10_000);
      repo.ended('k1', 12_000, 'remote_hangup', 'remote'); // ends the open hold too
      repo.acwDone('k1', 20_000, 'tracking', '已告知');
      repo.acwDone('k1', 25_000, 'other', null); // ACW ends once
      expect(repo.get('k1')).toMatchObject({
        answeredAt: 3000,
        endedAt: 12_000,
        endCause: 'remote_hangup',
        holdMs: 6000,
        holdCount: 2,
        acwEndedAt: 20_000,
        disposition: 'tracking',
        notes: '已告知',
      });
      repo.insertRefused({
        ...base,
        id: 'k2',
        sip_call_id: 'b@h',
        direction: 'inbound',
        remote_number: '13900000000',
        offered_at: 30_000,
      });
      expect(repo.refusedInShift(s.shift.id)).toBe(1);
      expect(repo.history(s.agent.id, 10).map((c) => c.id)).toEqual(['k1']);
    } finally {
      desk.cleanup();
    }
  });

  it('closes calls a killed desk left open at their last known step', async () => {
    const desk = createTestDesk();
    const s = await desk.session.signIn('1001', TEST_PASSWORD);
    const repo = new CallsRepo(desk.db);
    const base = {
      agent_id: s.agent.id,
      shift_id: s.shift.id,
      customer_id: null,
      remote_number_raw: null,
      remote_name: null,
    };
    repo.insert({
      ...base,
      id: 'open',
      sip_call_id: 'c@h',
      direction: 'inbound',
      remote_number: '13800000000',
      offered_at: 1000,
    });
    repo.answered('open', 2000);
    repo.holdStarted('open', 4000);
    desk.dispose(); // as if the process died here
    const again = createDesk({
      dataDir: desk.dataDir,
      host: 'web',
      appVersion: 't',
      clock: new TestClock(),
      logger: new MemoryLogger(),
    });
    try {
      expect(new CallsRepo(again.db).get('open')).toMatchObject({
        endedAt: 4000,
        endCause: 'desk_restart',
        hungUpBy: 'system',
        holdMs: 0,
        holdCount: 1,
      });
    } finally {
      again.dispose();
      desk.cleanup();
    }
  });
});
