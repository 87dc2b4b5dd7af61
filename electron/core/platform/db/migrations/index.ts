/**
 * Numbered migrations, one file each, applied in order inside one transaction per migration;
 * PRAGMA user_version records the last one applied. Never edit a migration that has shipped:
 * add the next number.
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../../ports';
import { migration0001 } from './0001-agents-shifts-states';
import { migration0002 } from './0002-customers-waybills-tracking';
import { migration0003 } from './0003-calls';
import { migration0004 } from './0004-lookup-indexes-notes-problems';
import { migration0005 } from './0005-covering-name-index';
import { migration0006 } from './0006-call-details';
import { migration0007 } from './0007-call-numbers-and-links';
import { migration0008 } from './0008-hold-segment-side';
import { migration0009 } from './0009-agent-sip-accounts';
import { migration0010 } from './0010-after-call-and-auto-classified';
import { migration0011 } from './0011-audit-filter-indexes';
import { migration0012 } from './0012-call-scripts';
import { migration0013 } from './0013-orders';
import { migration0014 } from './0014-callbacks';
import { migration0015 } from './0015-complaints';
import { migration0016 } from './0016-metrics';
import { migration0017 } from './0017-handover-book';
import { migration0018 } from './0018-complaints-by-customer';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
];

/** The last migration's number (test/core/platform/migrations/numbering.test.ts: 1…N, no gaps). */
export const latestVersion = migrations.at(-1)!.version;

export function currentVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies migrations up to and including `target` (tests step through them one by one). */
export function updateToVersion(db: Database.Database, target: number, logger?: Logger): void {
  const from = currentVersion(db);
  if (from > latestVersion) {
    throw new Error(
      `Database schema version ${from} is newer than this app (${latestVersion}); update Courier Desk`,
    );
  }
  for (const m of migrations) {
    if (m.version <= from || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    logger?.info('migration applied', { version: m.version, name: m.name });
  }
}

export function migrateToLatest(db: Database.Database, logger?: Logger): void {
  updateToVersion(db, latestVersion, logger);
}
