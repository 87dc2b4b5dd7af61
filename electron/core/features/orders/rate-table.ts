/**
 * The rate table the desk quotes with: the one a lead loaded (setting `orders.rateTable`), else
 * the shipped one (resources/rates/standard.json, bundled with the core). Both are checked with
 * the same schema; a stored table that no longer passes is never used (the shipped one is, and
 * the settings repo logs why).
 */
import shipped from '../../../../resources/rates/standard.json';
import { ContractError } from '@shared/common/errors';
import { checkRateTable } from '@shared/orders/rate-check';
import type { RateTable } from '@shared/orders/rates';
import { rateTableSchema } from '@shared/orders/rates';
import type { Core } from '../../platform/feature';
import type { DeskSessionService } from '../session';

export const rateTableSetting = 'orders.rateTable';

let parsed: RateTable | null = null;

export function shippedRateTable(): RateTable {
  parsed ??= rateTableSchema.parse(shipped);
  return parsed;
}

export class RateTables {
  /** The stored text last parsed, and its table (a quote per keystroke must not re-parse it). */
  private cache: { text: string; table: RateTable | undefined } | null = null;

  constructor(
    private readonly core: Pick<Core, 'settings' | 'logger' | 'db' | 'audit' | 'clock' | 'newId'>,
    private readonly session: DeskSessionService,
  ) {}

  current(): RateTable {
    const text = this.core.settings.get(rateTableSetting);
    if (text === undefined) return shippedRateTable();
    if (this.cache?.text !== text) {
      this.cache = {
        text,
        table: this.core.settings.getParsed(rateTableSetting, rateTableSchema, this.core.logger),
      };
    }
    return this.cache.table ?? shippedRateTable();
  }

  /** A lead loads a new table: checked, stored and audited in one transaction. */
  load(text: string): RateTable {
    const session = this.session.requireSession();
    if (session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'Only a shift lead may load a rate table');
    }
    const check = checkRateTable(text);
    if (!check.ok) {
      throw new ContractError(
        'BAD_ARGUMENT',
        'The rate table is not valid',
        check.problems.map((p) => ({ path: p.path, message: p.code })),
      );
    }
    const before = this.current();
    const now = this.core.clock.now();
    this.core.db.transaction(() => {
      this.core.settings.set(rateTableSetting, JSON.stringify(check.table), now);
      this.core.audit.append({
        id: this.core.newId(),
        at: now,
        actorId: session.agent.id,
        action: 'rate_table_loaded',
        subject: check.table.id,
        detail: { tableName: check.table.name, previousTable: before.id },
      });
    });
    return check.table;
  }
}
