/** Test helpers: a real database (temp file or :memory:), a settable clock, a memory logger. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createDesk } from '../../electron/core/desk';
import type { Desk, DeskOptions } from '../../electron/core/desk';
import { Db } from '../../electron/core/platform/db/database';
import { hashPasswordSync } from '../../electron/core/features/session/password';
import { DEMO_PASSWORD, seedDemoData } from '../../electron/dev/seed';
import { MemoryLogger } from '../../electron/core/platform/ports';
import type { Clock } from '../../electron/core/platform/ports';

export class TestClock implements Clock {
  constructor(public t = Date.UTC(2026, 10, 22, 1, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export function tempDir(prefix = 'courier-desk-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** createDB(): an empty in-memory database with no migrations applied. */
export function createRawDb(): Database.Database {
  const raw = new Database(':memory:');
  raw.pragma('foreign_keys = ON');
  return raw;
}

export function wrap(raw: Database.Database, logger = new MemoryLogger()): Db {
  return new Db(raw, logger);
}

export interface TestDesk extends Desk {
  clock: TestClock;
  logger: MemoryLogger;
  dataDir: string;
  cleanup(): void;
}

/** A desk over a temp-file database with two known agents (1001 agent, 9001 lead; password "pass1234"). */
export function createTestDesk(overrides: Partial<DeskOptions> = {}): TestDesk {
  const { dir, remove } = tempDir();
  const clock = new TestClock();
  const logger = new MemoryLogger();
  const desk = createDesk({
    dataDir: dir,
    host: 'web',
    appVersion: '0.0.0-test',
    clock,
    logger,
    ...overrides,
  });
  addAgent(desk.db, { employeeNo: '1001', name: '张伟', role: 'agent' });
  addAgent(desk.db, { employeeNo: '9001', name: '李娜', role: 'lead' });
  return {
    ...desk,
    clock,
    logger,
    dataDir: dir,
    cleanup() {
      desk.dispose();
      remove();
    },
  };
}

export const TEST_PASSWORD = 'pass1234';
let agentCounter = 0;
// One hash for every test agent keeps the suite fast (scrypt is slow on purpose).
const testHash = hashPasswordSync(TEST_PASSWORD);

export function addAgent(
  db: Db,
  a: { employeeNo: string; name: string; role: 'agent' | 'lead'; disabled?: boolean },
): string {
  const id = `00000000-0000-7000-8000-${String(++agentCounter).padStart(12, '0')}`;
  db.raw
    .prepare(
      `INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
       VALUES (?, ?, ?, ?, '测试组', ?, ?, 0)`,
    )
    .run(id, a.employeeNo, a.name, a.role, testHash, a.disabled ? 1 : 0);
  return id;
}

/** A desk filled by the real seeding command's code, with agent 1001 signed in. */
export async function createSeededDesk(
  sizes: { customers: number; waybills: number; calls: number; seed: number },
  nowOffsetMs = 0,
): Promise<TestDesk> {
  const desk = createTestDesk();
  // The seeded team replaces the helper's two agents.
  desk.db.raw.exec('DELETE FROM agents');
  seedDemoData(desk.db, { ...sizes, now: desk.clock.now() + nowOffsetMs });
  await desk.session.signIn('1001', DEMO_PASSWORD);
  return desk;
}
