/** All SQL of the documents feature: whose a shift is (asked before any figure is computed). */
import type { Db, Statement } from '../../platform/db/database';

export class DocumentsRepo {
  private readonly shiftAgent: Statement<{ agent_id: string }>;

  constructor(db: Db) {
    this.shiftAgent = db.prepare<{ agent_id: string }>('SELECT agent_id FROM shifts WHERE id = ?');
  }

  /** The agent whose shift it is (null: no such shift). */
  shiftAgentId(shiftId: string): string | null {
    return this.shiftAgent.get([shiftId])?.agent_id ?? null;
  }
}
