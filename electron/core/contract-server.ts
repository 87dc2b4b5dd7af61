/**
 * Transport-neutral request dispatch: the one place where arguments from a renderer are parsed
 * against the contract. Electron IPC (ipc.ts) and the browser host (electron/web/server.ts) both
 * call `dispatch`, so the two transports cannot drift apart.
 */
import type { z } from 'zod';
import type { Handlers, Outcome, RequestName } from '@shared/contract';
import { isRequestName, requests } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { Logger } from './platform/ports';

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
}

export interface Dispatcher {
  dispatch(name: unknown, rawArgs: unknown): Promise<Outcome<unknown>>;
}

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatcher {
  return {
    async dispatch(name, rawArgs) {
      if (!isRequestName(name)) {
        return fail(
          new ContractError('UNKNOWN_REQUEST', `Unknown request: ${String(name).slice(0, 80)}`),
        );
      }
      const spec = requests[name];
      const parsed = spec.args.safeParse(rawArgs ?? {});
      if (!parsed.success) {
        return fail(
          new ContractError(
            'BAD_ARGUMENT',
            `Invalid arguments for ${name}`,
            issuesOf(parsed.error),
          ),
        );
      }
      try {
        const handler = handlers[name] as (args: unknown) => unknown;
        const value = await handler(parsed.data);
        // Results are checked too: a handler that breaks the contract is a bug to see at once,
        // not a malformed object for the renderer to trip over later.
        const checked = spec.result.safeParse(value);
        if (!checked.success) {
          logger.error('handler result violates the contract', {
            name,
            issues: issuesOf(checked.error),
          });
          return fail(new ContractError('INTERNAL', `Internal error in ${name}`));
        }
        return { ok: true, value: checked.data };
      } catch (err) {
        if (err instanceof ContractError) return fail(err);
        logger.error('request failed', {
          name,
          error: err instanceof Error ? err.stack : String(err),
        });
        return fail(new ContractError('INTERNAL', `Internal error in ${name as RequestName}`));
      }
    },
  };
}

function fail(error: ContractError): Outcome<never> {
  return { ok: false, error: error.toPayload() };
}
