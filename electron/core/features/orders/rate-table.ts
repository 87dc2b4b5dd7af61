/**
 * The rate table the desk quotes with. The shipped one (resources/rates/standard.json) is bundled
 * with the core and checked with the same schema as any table a lead loads later: a table that
 * fails the check is never used.
 */
import shipped from '../../../../resources/rates/standard.json';
import type { RateTable } from '@shared/orders/rates';
import { rateTableSchema } from '@shared/orders/rates';

let parsed: RateTable | null = null;

export function shippedRateTable(): RateTable {
  parsed ??= rateTableSchema.parse(shipped);
  return parsed;
}
