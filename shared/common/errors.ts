/**
 * Errors that cross the contract. Every failure a renderer can see has a stable `code`
 * (the renderer translates it) and an English `message` with the specifics for logs and support.
 */
export const errorCodes = [
  'BAD_ARGUMENT',
  'UNKNOWN_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'ALREADY_SIGNED_IN',
  'ILLEGAL_TRANSITION',
  'NOT_FOUND',
  'INTERNAL',
  /** The renderer lost its connection to main (browser host socket closed). */
  'DISCONNECTED',
  /** 示闲 refused: the signed-in agent has no SIP account (a lead assigns one; ADR 0011). */
  'NO_SIP_ACCOUNT',
  /** 示闲 refused again while the softphone is still not registered (ADR 0011). */
  'PHONE_NOT_REGISTERED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Field-level problems for BAD_ARGUMENT: path → message. */
  issues?: { path: string; message: string }[];
}

export class ContractError extends Error {
  override readonly name = 'ContractError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** For exhaustive switches: reaching this is a compile error, and a runtime error if types lie. */
export function missingCaseError(x: never): Error {
  return new TypeError(`Unhandled case: ${String(x)}`);
}

/** The message of anything thrown (an Error's message, else its string form), for logs and UI. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
