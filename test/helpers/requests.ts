/**
 * Requests through a test desk's dispatcher, as the console sends them: a desk signed in as one
 * employee, `call` and `refused` for the outcome a test expects, and how often an action was
 * audited.
 */
import type { RequestArgs, RequestName, RequestResult } from '@shared/contract';
import type { TestDesk } from './desk';
import { TEST_PASSWORD, createTestDesk } from './desk';

/** A fresh desk with `employeeNo` signed in (the test cleans it up). */
export async function signedInDesk(employeeNo: string): Promise<TestDesk> {
  const desk = createTestDesk();
  await desk.session.signIn(employeeNo, TEST_PASSWORD);
  return desk;
}

/**
 * `call` resolves to the request's typed value and throws if it was refused; `refused` resolves
 * to the error and throws if it was accepted. `desk` is read at each request.
 */
export function dispatcherRequests(desk: () => Pick<TestDesk, 'dispatcher'>) {
  return {
    async call<N extends RequestName>(name: N, args: RequestArgs<N>): Promise<RequestResult<N>> {
      const outcome = await desk().dispatcher.dispatch(name, args);
      if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
      return outcome.value as RequestResult<N>;
    },
    async refused(name: RequestName, args: unknown) {
      const outcome = await desk().dispatcher.dispatch(name, args);
      if (outcome.ok) throw new Error(`${name} was accepted`);
      return outcome.error;
    },
  };
}

/** How many audit_log rows record `action`. */
export function auditCount(desk: Pick<TestDesk, 'db'>, action: string): number {
  const row = desk.db.raw
    .prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?')
    .get(action) as { n: number };
  return row.n;
}
