/**
 * Tracking mirror SQL: events from a live source, the waybill's synced status, and the retry
 * queue for refreshes that failed (tracking_refresh_queue, one row per waybill).
 */
import type { TrackingStatus } from '@shared/waybills/tracking';
import type { CarrierCode } from '@shared/waybills/waybill';
import type { Db, Statement } from '../../platform/db/database';

export interface DueRefreshDb {
  waybill_id: string;
  number: string;
  carrier: CarrierCode;
  receiver_phone: string;
}

export interface TrackingEventRow {
  at: number;
  status: TrackingStatus;
  rawState: string | null;
  location: string | null;
  description: string;
}

export class TrackingRepo {
  private readonly upsertEventStmt: Statement<never>;
  private readonly updateWaybillStmt: Statement<never>;
  private readonly enqueueStmt: Statement<never>;
  private readonly dequeueStmt: Statement<never>;
  private readonly dueStmt: Statement<DueRefreshDb>;
  private readonly queuedStmt: Statement<{ attempts: number }>;
  private readonly syncedAtStmt: Statement<{ synced_at: number | null }>;

  constructor(private readonly db: Db) {
    this.upsertEventStmt = db.prepare(
      'INSERT OR IGNORE INTO tracking_events (waybill_id, at, status, raw_state, location, description) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateWaybillStmt = db.prepare(
      'UPDATE waybills SET status = ?, last_event_at = ?, synced_at = ? WHERE id = ?',
    );
    this.enqueueStmt = db.prepare(
      `INSERT INTO tracking_refresh_queue (waybill_id, attempts, next_attempt_at, last_error) VALUES (@id, @attempts, @next, @error)
       ON CONFLICT (waybill_id) DO UPDATE SET attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error`,
    );
    this.dequeueStmt = db.prepare('DELETE FROM tracking_refresh_queue WHERE waybill_id = ?');
    this.dueStmt = db.prepare(
      `SELECT q.waybill_id, w.number, w.carrier, w.receiver_phone FROM tracking_refresh_queue q JOIN waybills w ON w.id = q.waybill_id
       WHERE q.next_attempt_at <= ? ORDER BY q.next_attempt_at LIMIT 20`,
    );
    this.queuedStmt = db.prepare(
      'SELECT attempts FROM tracking_refresh_queue WHERE waybill_id = ?',
    );
    this.syncedAtStmt = db.prepare('SELECT synced_at FROM waybills WHERE id = ?');
  }

  /** Stores a fresh snapshot and takes the waybill off the retry queue, in one transaction. */
  storeSnapshot(
    waybillId: string,
    status: TrackingStatus,
    events: readonly TrackingEventRow[],
    syncedAt: number,
  ): void {
    const last = events.at(-1);
    this.db.transaction(() => {
      for (const e of events)
        this.upsertEventStmt.run([
          waybillId,
          e.at,
          e.status,
          e.rawState,
          e.location,
          e.description,
        ]);
      this.updateWaybillStmt.run([status, last?.at ?? null, syncedAt, waybillId]);
      this.dequeueStmt.run([waybillId]);
    });
  }

  /** Queues (or re-queues) a failed refresh; returns the attempt count now recorded. */
  queueRetry(
    waybillId: string,
    nextAttemptAt: (attempts: number) => number,
    error: string,
  ): number {
    return this.db.transaction(() => {
      const attempts = (this.queuedStmt.get([waybillId])?.attempts ?? 0) + 1;
      this.enqueueStmt.run({
        id: waybillId,
        attempts,
        next: nextAttemptAt(attempts),
        error: error.slice(0, 500),
      });
      return attempts;
    });
  }

  due(now: number): DueRefreshDb[] {
    return this.dueStmt.all([now]);
  }

  syncedAt(waybillId: string): number | null {
    return this.syncedAtStmt.get([waybillId])?.synced_at ?? null;
  }
}
