/**
 * What every feature of the core is given and gives back. A feature (electron/core/features/<domain>/)
 * exports `createX(core, deps) → { handlers, dispose, …its services }`; the composition root
 * (electron/core/desk.ts) only wires features together and joins their handlers.
 */
import type { EventName, EventPayload } from '@shared/contract';
import type { AuditRepo } from './audit-repo';
import type { DeskCalendarView } from './desk-calendar';
import type { Db } from './db/database';
import type { Clock, IdFactory, Logger } from './ports';
import type { SettingsRepo } from './settings-repo';

/** Pushes an event to every renderer (Electron window or browser-host socket). */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The platform services every feature may use. */
export interface Core {
  db: Db;
  clock: Clock;
  logger: Logger;
  newId: IdFactory;
  settings: SettingsRepo;
  audit: AuditRepo;
  /** The desk's time zone (deadlines, day boundaries, date search). */
  timeZone: string;
  /** The working calendar deadlines are counted on, as of now (desk-calendar.ts). */
  calendar: () => DeskCalendarView;
  emit: Emit;
}

export interface Feature<H> {
  /** This feature's part of the contract's `Handlers`. */
  handlers: H;
  /** Stops timers, sockets and user agents the feature owns (the database is the root's). */
  dispose(): void;
}
