import type { ErrorCode, ErrorDetails, Issue } from '@shared/common/errors';
import { ContractError, errorMessage } from '@shared/common/errors';

/**
 * A refused request as the console keeps it: main's code, its structured specifics (field issues,
 * details) for the agent's language, and its English message for logs and support only — the
 * message never reaches the screen (ui/error-text.ts says the rest in the agent's language).
 */
export interface UiError {
  code: ErrorCode;
  message: string;
  issues?: Issue[];
  details?: ErrorDetails;
}

export function toUiError(err: unknown): UiError {
  if (err instanceof ContractError) {
    return {
      code: err.code,
      message: err.message,
      ...(err.issues && { issues: err.issues }),
      ...(err.details && { details: err.details }),
    };
  }
  return { code: 'INTERNAL', message: errorMessage(err) };
}

/** A UiError as kept in the store, or anything thrown, as a UiError. */
export function asUiError(x: unknown): UiError {
  const plain =
    typeof x === 'object' && x !== null && !(x instanceof Error) && 'code' in x && 'message' in x;
  return plain ? (x as UiError) : toUiError(x);
}
