/**
 * Bad input changes nothing: the rows of the tables a request could touch, and a check that each
 * of many malformed argument shapes is refused as BAD_ARGUMENT with no event and no row changed.
 */
import { expect } from 'vitest';
import type { TestDesk } from './desk';

/** Every row of each table, as sorted JSON lines (order-free, so a rewrite in place shows too). */
export function tableRows(desk: Pick<TestDesk, 'db'>, tables: readonly string[]) {
  return Object.fromEntries(
    tables.map((t) => [
      t,
      desk.db.raw
        .prepare(`SELECT * FROM ${t}`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

/** Lets the staging's own follow-ups (e.g. the screen pop after a ring) happen. */
export const settled = () => new Promise((r) => setImmediate(r));

/**
 * Sends `name` with each of `shapes`: each must come back BAD_ARGUMENT, with no event published
 * and `everything()` (the state the test watches) as it was.
 */
export async function refusesAll(
  ctx: { desk: Pick<TestDesk, 'dispatcher'>; events: unknown[]; everything: () => unknown },
  name: string,
  shapes: unknown[],
): Promise<void> {
  const before = ctx.everything();
  ctx.events.length = 0;
  for (const args of shapes) {
    const label = `${name} ${JSON.stringify(args)}`;
    const out = await ctx.desk.dispatcher.dispatch(name, args);
    expect(out, label).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    await settled();
    expect(ctx.events, label).toEqual([]);
    expect(ctx.everything(), label).toEqual(before);
  }
}
