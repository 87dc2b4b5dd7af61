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
  /** Sign-out refused: open items of the shift are in no handover (业务交接本) and no lead allowed it. */
  'HANDOVER_REQUIRED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * Structured specifics the renderer can say in the agent's language (the English `message` is for
 * logs only): e.g. ACCOUNT_LOCKED `{ minutes: 15 }`. Values are plain numbers or enum keys.
 */
export type ErrorDetails = Readonly<Record<string, string | number>>;

/**
 * Why one field was refused, for the renderer to say next to the field (absent: the field's
 * value has the wrong shape, and the renderer says which shape it needs).
 */
export const issueCodes = ['required', 'too_long', 'format', 'taken', 'unreadable'] as const;
export type IssueCode = (typeof issueCodes)[number];
export interface Issue {
  path: string;
  message: string;
  code?: IssueCode;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Field-level problems for BAD_ARGUMENT: path → message (and why, when main knows). */
  issues?: Issue[];
  details?: ErrorDetails;
}

export class ContractError extends Error {
  override readonly name = 'ContractError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues && { issues: this.issues }),
      ...(this.details && { details: this.details }),
    };
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
