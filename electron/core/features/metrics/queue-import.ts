/**
 * Imports the PBX's Asterisk queue_log in chunks (leads only; agents FORBIDDEN at every step):
 * begin refuses by the declared size before anything is read; each chunk is read as it arrives
 * (`QueueLogReader`: a line cut between chunks is carried over, line numbers stay the file's), so
 * a 20 MB file is never parsed in one go on the core's event loop; finish writes the queue calls,
 * the import's record and the audit in one transaction — nothing is written before, and a refused
 * finish writes nothing. Malformed lines are reported by line number and the rest imported; keyed
 * by the PBX's call id, so the same lines imported again change nothing.
 *
 * Unfinished imports live in memory only, so they are bounded: `maxPendingQueueImports` per
 * signed-in session (a new one drops the oldest); dropped at the session's sign-out, after 10
 * idle minutes (at the next import request), or by `queueLogAbort`.
 */
import { ContractError } from '@shared/common/errors';
import type { QueueImport } from '@shared/metrics/contract';
import {
  maxPendingQueueImports,
  queueLogChunkBytes,
  queueLogSliceBytes,
} from '@shared/metrics/contract';
import { QueueLogReader } from '@shared/metrics/queue-log';
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

/** An import left this long without a chunk is dropped. */
export const QUEUE_IMPORT_IDLE_MS = 10 * 60_000;

interface PendingImport {
  agentId: string;
  shiftId: string;
  fileName: string;
  size: number;
  reader: QueueLogReader;
  /** Characters received so far (never more than the declared bytes: a character is ≥ 1 byte). */
  received: number;
  /** UTF-8 bytes of the text received (the file's `size` less a byte-order mark, if complete). */
  receivedBytes: number;
  /** The last chunk read: sent again after a lost reply, it is taken as already read. */
  lastText: string | null;
  nextIndex: number;
  startedAt: number;
  touchedAt: number;
}

export class QueueImports {
  private readonly pending = new Map<string, PendingImport>();
  private readonly unhook: () => void;

  constructor(private readonly deps: QueueImportDeps) {
    this.unhook = deps.session.onShift({
      signedOut: (s) => {
        for (const [id, p] of this.pending) if (p.shiftId === s.shift.id) this.pending.delete(id);
      },
    });
  }

  /** Who may import: a signed-in lead (the session of every step). */
  private lead() {
    const session = this.deps.session.requireSession();
    if (session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'Only a shift lead may import the queue log');
    }
    return session;
  }

  begin(
    fileName: string,
    size: number,
  ): { importId: string; sliceBytes: number; chunkBytes: number } {
    const session = this.lead();
    const now = this.deps.clock.now();
    // The size was checked by the contract (`maxQueueLogBytes`) before this runs: nothing read.
    this.sweep(now, session.shift.id);
    const mine = [...this.pending.entries()]
      .filter(([, p]) => p.shiftId === session.shift.id)
      .sort(([, a], [, b]) => a.startedAt - b.startedAt);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - maxPendingQueueImports + 1))) {
      this.pending.delete(id);
    }
    const importId = this.deps.newId();
    this.pending.set(importId, {
      agentId: session.agent.id,
      shiftId: session.shift.id,
      fileName,
      size,
      reader: new QueueLogReader(),
      received: 0,
      receivedBytes: 0,
      lastText: null,
      nextIndex: 0,
      startedAt: now,
      touchedAt: now,
    });
    return { importId, sliceBytes: queueLogSliceBytes, chunkBytes: queueLogChunkBytes };
  }

  /** Reads one chunk; out of order or past the declared size: refused and the import dropped. */
  chunk(importId: string, index: number, text: string): { received: number; linesRead: number } {
    const session = this.lead();
    const now = this.deps.clock.now();
    this.sweep(now, session.shift.id);
    const p = this.mine(importId, session);
    if (index === p.nextIndex - 1 && text === p.lastText) {
      // The same chunk again (its reply was lost): already read, nothing changes.
      p.touchedAt = now;
      return { received: p.received, linesRead: p.reader.linesSoFar };
    }
    if (index !== p.nextIndex) {
      this.pending.delete(importId);
      throw new ContractError('BAD_ARGUMENT', 'Chunks must come in order', [
        { path: 'index', message: 'format' },
      ]);
    }
    if (p.received + text.length > p.size) {
      this.pending.delete(importId);
      throw new ContractError('BAD_ARGUMENT', 'The queue log is larger than announced', [
        { path: 'text', message: 'too_long' },
      ]);
    }
    p.reader.push(text);
    p.received += text.length;
    p.receivedBytes += Buffer.byteLength(text, 'utf8');
    p.lastText = text;
    p.nextIndex += 1;
    p.touchedAt = now;
    return { received: p.received, linesRead: p.reader.linesSoFar };
  }

  /**
   * Writes what was read in one transaction. Not every chunk (by count, or fewer bytes than the
   * file's size — a file that shrank while it was read): refused, and the import kept (the rest
   * may still come). Written, or refused as unreadable: the import is gone.
   */
  finish(importId: string, chunks: number): QueueImport {
    const session = this.lead();
    const now = this.deps.clock.now();
    this.sweep(now, session.shift.id);
    const p = this.mine(importId, session);
    // A byte-order mark (3 bytes) is dropped by the console's decoder; anything short of that is
    // missing. (Undecodable bytes come as U+FFFD, 3 bytes each: never fewer than the file had.)
    if (chunks !== p.nextIndex || p.receivedBytes < p.size - 3) {
      throw new ContractError('BAD_ARGUMENT', 'Not every chunk of the queue log arrived', [
        { path: 'chunks', message: 'incomplete' },
      ]);
    }
    this.pending.delete(importId);
    const parsed = p.reader.end();
    const done = parsed.calls.filter((c) => c.outcome !== null && c.waitSeconds !== null);
    if (done.length === 0 && parsed.linesRead > 0 && parsed.problemCount === parsed.linesRead) {
      throw new ContractError('BAD_ARGUMENT', 'Not a queue log: no line could be read', [
        { path: 'text', message: 'unreadable' },
      ]);
    }
    const { db, repo, audit, newId } = this.deps;
    let newCalls = 0;
    db.transaction(() => {
      for (const c of done) {
        if (!repo.queueKnown(c.callId)) newCalls++;
        repo.putQueueCall(c);
      }
      repo.recordImport({
        id: newId(),
        at: now,
        by: session.agent.id,
        fileName: p.fileName,
        linesRead: parsed.linesRead,
        calls: done.length,
        newCalls,
        problems: parsed.problemCount,
      });
      audit.append({
        id: newId(),
        at: now,
        actorId: session.agent.id,
        action: 'queue_log_import',
        subject: p.fileName,
        detail: {
          lines: parsed.linesRead,
          calls: done.length,
          newCalls,
          problems: parsed.problemCount,
        },
      });
    });
    this.deps.onImported(done.length);
    return {
      linesRead: parsed.linesRead,
      calls: done.length,
      newCalls,
      ignored: parsed.ignored,
      problemCount: parsed.problemCount,
      problems: parsed.problems.map((x) => ({ line: x.line, reason: x.reason })),
    };
  }

  abort(importId: string): { dropped: boolean } {
    const session = this.lead();
    const p = this.pending.get(importId);
    if (!p || p.shiftId !== session.shift.id) return { dropped: false };
    this.pending.delete(importId);
    return { dropped: true };
  }

  /** How many unfinished imports are held (for tests and the bench). */
  get pendingCount(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.unhook();
    this.pending.clear();
  }

  /** This session's import, or NOT_FOUND (unknown, finished, dropped, or another session's). */
  private mine(importId: string, session: { shift: { id: string } }): PendingImport {
    const p = this.pending.get(importId);
    if (!p || p.shiftId !== session.shift.id) {
      throw new ContractError('NOT_FOUND', 'No such queue log import');
    }
    return p;
  }

  /** Drops idle imports and those of any other session (signed out or replaced). */
  private sweep(now: number, shiftId: string): void {
    for (const [id, p] of this.pending) {
      if (now - p.touchedAt > QUEUE_IMPORT_IDLE_MS || p.shiftId !== shiftId) {
        this.pending.delete(id);
      }
    }
  }
}
