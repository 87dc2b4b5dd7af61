/**
 * Imports the PBX's Asterisk queue_log (leads only): refused by size before a line is parsed;
 * malformed lines reported by line number and the rest imported; keyed by the PBX's call id, so
 * the same lines imported again change nothing. Audited.
 */
import { ContractError } from '@shared/common/errors';
import type { QueueImport } from '@shared/metrics/contract';
import { parseQueueLog } from '@shared/metrics/queue-log';
import type { AuditRepo } from '../../platform/audit-repo';
import type { Db } from '../../platform/db/database';
import type { Clock, IdFactory } from '../../platform/ports';
import type { DeskSessionService } from '../session';
import type { MetricsRepo } from './metrics-repo';

export interface QueueImportDeps {
  db: Db;
  repo: MetricsRepo;
  audit: AuditRepo;
  session: DeskSessionService;
  clock: Clock;
  newId: IdFactory;
  onImported: (calls: number) => void;
}

export function importQueueLog(deps: QueueImportDeps, fileName: string, text: string): QueueImport {
  const session = deps.session.requireSession();
  if (session.agent.role !== 'lead') {
    throw new ContractError('FORBIDDEN', 'Only a shift lead may import the queue log');
  }
  // The size was checked by the contract (`maxQueueLogChars`) before this runs: no line is parsed.
  const parsed = parseQueueLog(text);
  const done = parsed.calls.filter((c) => c.outcome !== null && c.waitSeconds !== null);
  if (done.length === 0 && parsed.linesRead > 0 && parsed.problemCount === parsed.linesRead) {
    throw new ContractError('BAD_ARGUMENT', 'Not a queue log: no line could be read', [
      { path: 'text', message: 'unreadable' },
    ]);
  }
  const now = deps.clock.now();
  let newCalls = 0;
  deps.db.transaction(() => {
    for (const c of done) {
      if (!deps.repo.queueKnown(c.callId)) newCalls++;
      deps.repo.putQueueCall(c);
    }
    const id = deps.newId();
    deps.repo.recordImport({
      id,
      at: now,
      by: session.agent.id,
      fileName,
      linesRead: parsed.linesRead,
      calls: done.length,
      newCalls,
      problems: parsed.problemCount,
    });
    deps.audit.append({
      id: deps.newId(),
      at: now,
      actorId: session.agent.id,
      action: 'queue_log_import',
      subject: fileName,
      detail: {
        lines: parsed.linesRead,
        calls: done.length,
        newCalls,
        problems: parsed.problemCount,
      },
    });
  });
  deps.onImported(done.length);
  return {
    linesRead: parsed.linesRead,
    calls: done.length,
    newCalls,
    ignored: parsed.ignored,
    problemCount: parsed.problemCount,
    problems: parsed.problems.map((p) => ({ line: p.line, reason: p.reason })),
  };
}
