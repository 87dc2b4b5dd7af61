/**
 * Where tracking comes from. Two real sources behind one interface: the desk's SQLite mirror
 * (always there, with an "as of" time) and a carrier API in the Kuaidi100 query style. A lookup
 * shows the mirror at once; a live refresh runs in the background, and one that fails is queued
 * and retried with backoff. Nothing here blocks the agent.
 */
import { createHash } from 'node:crypto';
import { fromLocal } from '@shared/common/calendar';
import type { TrackingStatus } from '@shared/waybills/tracking';
import { isTrackingStatus, statusFromKuaidi100 } from '@shared/waybills/tracking';
import { errorMessage } from '@shared/common/errors';
import type { CarrierCode } from '@shared/waybills/waybill';
import { carriers } from '@shared/waybills/waybill';
import type { TrackingRepo } from './tracking-repo';
import type { Clock, Logger } from '../../platform/ports';
import type { WaybillsRepo } from './waybills-repo';

export interface TrackingQuery {
  number: string;
  carrier: CarrierCode;
  /** Some carriers (SF) require the last 4 digits of a phone on the waybill. */
  phoneLast4?: string;
}

export interface TrackingEvent {
  at: number;
  status: TrackingStatus;
  rawState: string | null;
  location: string | null;
  description: string;
}

export interface TrackingSnapshot {
  status: TrackingStatus;
  /** Oldest first. */
  events: TrackingEvent[];
}

export type TrackingFailure =
  'timeout' | 'network' | 'http' | 'malformed' | 'rate_limited' | 'not_found' | 'auth' | 'quota';

export class TrackingSourceError extends Error {
  override readonly name = 'TrackingSourceError';
  constructor(
    readonly kind: TrackingFailure,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface TrackingSource {
  readonly name: string;
  fetch(query: TrackingQuery): Promise<TrackingSnapshot>;
}

/** The desk's own copy. */
export class MirrorTrackingSource implements TrackingSource {
  readonly name = 'mirror';
  constructor(private readonly waybills: WaybillsRepo) {}
  async fetch(query: TrackingQuery): Promise<TrackingSnapshot> {
    const w = this.waybills.fullByNumber(query.number);
    if (!w) throw new TrackingSourceError('not_found', `No waybill ${query.number} in the mirror`);
    const events = this.waybills
      .events(w.id)
      .reverse()
      .map((e) => ({
        at: e.at,
        status: e.status,
        rawState: e.raw_state,
        location: e.location,
        description: e.description,
      }));
    return { status: w.status, events };
  }
}

export interface Kuaidi100Config {
  url: string;
  customer: string;
  key: string;
  timeoutMs?: number;
  /** Kuaidi100 times are local wall-clock strings ("2026-11-20 10:00:00") in China time. */
  timeZone?: string;
}

/**
 * Kuaidi100-style real-time query: POST form fields `customer`, `param` (JSON: com, num, phone,
 * resultv2) and `sign` = upper-case MD5(param + key + customer). Answers carry `state` (see
 * shared/waybills/tracking.ts) and `data` events newest first; errors carry `returnCode` and `message`.
 */
export class Kuaidi100TrackingSource implements TrackingSource {
  readonly name = 'kuaidi100';
  constructor(
    private readonly config: Kuaidi100Config,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async fetch(query: TrackingQuery): Promise<TrackingSnapshot> {
    const com = (carriers as Record<string, { trackingCode: string }>)[query.carrier]?.trackingCode;
    if (!com)
      throw new TrackingSourceError('not_found', `No tracking code for carrier ${query.carrier}`);
    const param = JSON.stringify({
      com,
      num: query.number,
      ...(query.phoneLast4 && { phone: query.phoneLast4 }),
      resultv2: '1',
    });
    const sign = createHash('md5')
      .update(param + this.config.key + this.config.customer)
      .digest('hex')
      .toUpperCase();
    const body = new URLSearchParams({ customer: this.config.customer, param, sign });
    let res: Response;
    try {
      res = await this.fetchImpl(this.config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 5000),
      });
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new TrackingSourceError('timeout', 'Tracking API did not answer in time');
      throw new TrackingSourceError(
        'network',
        `Tracking API unreachable: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (res.status === 429) {
      const retry = Number(res.headers.get('retry-after'));
      throw new TrackingSourceError(
        'rate_limited',
        'Tracking API rate limit',
        Number.isFinite(retry) && retry > 0 ? retry * 1000 : undefined,
      );
    }
    if (!res.ok) throw new TrackingSourceError('http', `Tracking API answered HTTP ${res.status}`);
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new TrackingSourceError('malformed', 'Tracking API answered with malformed JSON');
    }
    return this.parse(json);
  }

  private parse(json: unknown): TrackingSnapshot {
    if (typeof json !== 'object' || json === null)
      throw new TrackingSourceError('malformed', 'Tracking API answer is not an object');
    const o = json as Record<string, unknown>;
    if (o['result'] === false || (o['returnCode'] !== undefined && o['returnCode'] !== '200')) {
      const code = String(o['returnCode'] ?? '');
      const message = typeof o['message'] === 'string' ? o['message'] : 'error';
      const kind: TrackingFailure =
        code === '503' || code === '501'
          ? 'auth'
          : code === '601'
            ? 'quota'
            : code === '500'
              ? 'not_found'
              : code === '400'
                ? 'http'
                : 'http';
      throw new TrackingSourceError(kind, `Tracking API error ${code}: ${message}`);
    }
    const state = statusFromKuaidi100(String(o['state'] ?? ''));
    const data = o['data'];
    if (state === null || !Array.isArray(data))
      throw new TrackingSourceError('malformed', 'Tracking API answer lacks state or data');
    const tz = this.config.timeZone ?? 'Asia/Shanghai';
    const events: TrackingEvent[] = data.map((d: unknown, i) => {
      const e = (d ?? {}) as Record<string, unknown>;
      const time = typeof e['ftime'] === 'string' ? e['ftime'] : e['time'];
      const m =
        typeof time === 'string'
          ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time)
          : null;
      if (!m || typeof e['context'] !== 'string')
        throw new TrackingSourceError('malformed', `Tracking event ${i} lacks time or context`);
      const at =
        fromLocal(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), tz) +
        Number(m[6] ?? 0) * 1000;
      const raw = typeof e['statusCode'] === 'string' ? e['statusCode'] : null;
      const status =
        (raw && statusFromKuaidi100(raw)) ||
        (typeof e['status'] === 'string' && isTrackingStatus(e['status']) ? e['status'] : null) ||
        (i === 0 ? state : 'IN_TRANSIT');
      return {
        at,
        status,
        rawState: raw,
        location: typeof e['areaName'] === 'string' ? e['areaName'] : null,
        description: e['context'],
      };
    });
    return { status: state, events: events.reverse() };
  }
}

export interface TrackingServiceDeps {
  repo: TrackingRepo;
  source: TrackingSource | null;
  clock: Clock;
  logger: Logger;
  onRefreshed: (number: string) => void;
  /** Don't ask the live source again within this long of the last refresh. */
  minIntervalMs?: number;
  pollMs?: number;
}

const MINUTE = 60_000;

/** 1, 2, 4 … 60 minutes. */
export function refreshBackoffMs(attempts: number): number {
  return Math.min(60 * MINUTE, MINUTE * 2 ** Math.max(0, attempts - 1));
}

export class TrackingService {
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: ReturnType<typeof setInterval> | null = null;
  constructor(private readonly deps: TrackingServiceDeps) {}

  /** Fresh from a live source within the refresh interval; otherwise the UI says "offline data". */
  isLive(syncedAt: number | null): boolean {
    return (
      this.deps.source !== null &&
      syncedAt !== null &&
      this.deps.clock.now() - syncedAt < (this.deps.minIntervalMs ?? 5 * MINUTE)
    );
  }

  start(): void {
    if (!this.deps.source || this.timer) return;
    this.timer = setInterval(() => void this.processQueue(), this.deps.pollMs ?? 30_000);
    this.timer.unref?.();
  }

  /** Fire-and-forget refresh for the detail view; resolves when done (tests await it). */
  requestRefresh(
    waybillId: string,
    number: string,
    carrier: CarrierCode,
    phoneLast4?: string,
  ): Promise<void> {
    if (!this.deps.source) return Promise.resolve();
    const existing = this.inFlight.get(waybillId);
    if (existing) return existing;
    const synced = this.deps.repo.syncedAt(waybillId);
    if (synced !== null && this.deps.clock.now() - synced < (this.deps.minIntervalMs ?? 5 * MINUTE))
      return Promise.resolve();
    const p = this.refresh(waybillId, number, carrier, phoneLast4).finally(() =>
      this.inFlight.delete(waybillId),
    );
    this.inFlight.set(waybillId, p);
    return p;
  }

  async processQueue(): Promise<void> {
    for (const row of this.deps.repo.due(this.deps.clock.now())) {
      await this.refresh(row.waybill_id, row.number, row.carrier, row.receiver_phone.slice(-4));
    }
  }

  /** Waits for refreshes under way (shutdown, tests). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async refresh(
    waybillId: string,
    number: string,
    carrier: CarrierCode,
    phoneLast4?: string,
  ): Promise<void> {
    const source = this.deps.source;
    if (!source) return;
    try {
      const snap = await source.fetch({
        number,
        carrier,
        ...(phoneLast4 && { phoneLast4 }),
      });
      this.deps.repo.storeSnapshot(waybillId, snap.status, snap.events, this.deps.clock.now());
      this.deps.onRefreshed(number);
    } catch (err) {
      const message = errorMessage(err);
      const attempts = this.deps.repo.queueRetry(
        waybillId,
        (n) =>
          this.deps.clock.now() +
          (err instanceof TrackingSourceError && err.retryAfterMs
            ? err.retryAfterMs
            : refreshBackoffMs(n)),
        message,
      );
      this.deps.logger.warn('tracking refresh failed; queued', {
        number,
        attempts,
        error: message,
      });
    }
  }
}
