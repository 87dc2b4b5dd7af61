import type { ErrorCode } from '@shared/common/errors';
import { ContractError, errorMessage } from '@shared/common/errors';

/** A refused request as the console shows it (ErrorAlert): main's code and its specifics. */
export interface UiError {
  code: ErrorCode;
  message: string;
}

export function toUiError(err: unknown): UiError {
  if (err instanceof ContractError) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: errorMessage(err) };
}
