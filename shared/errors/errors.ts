// Typed errors: the broker decides retry or dead-letter from the class, the API maps them to HTTP status. Those a
// person can meet through the API carry the API's code for them and its parameters (shared/contracts/api.ts).
import type { ApiCode, ApiParams } from '../contracts/api';

/** An error the API answers with its own code: the status and the parameters come from API_CODES. */
export interface CodedError extends Error {
  readonly code: ApiCode;
  readonly params: ApiParams;
}

/** An error class's constructor, as withApiCode extends it. */
type ErrorClass = new (message: string) => Error;
/** A class withApiCode makes: the message, then the code (optional where the class has a fallback) and parameters. */
type CodedErrorClass<Rest extends unknown[]> = new (message: string, ...rest: Rest) => CodedError;

/**
 * `Base` carrying one of the API's codes and its parameters, named `name`: the one shape of the errors a caller names by
 * code, whichever class they extend (InputError a PermanentError, NotFoundError and AccessError not). `fallback` is the
 * code when none is given; without one, the code must be.
 */
function withApiCode(Base: ErrorClass, name: string): CodedErrorClass<[code: ApiCode, params?: ApiParams]>;
function withApiCode(
  Base: ErrorClass,
  name: string,
  fallback: ApiCode,
): CodedErrorClass<[code?: ApiCode, params?: ApiParams]>;
function withApiCode(
  Base: ErrorClass,
  name: string,
  fallback?: ApiCode,
): CodedErrorClass<[code: ApiCode, params?: ApiParams]> {
  return class extends Base implements CodedError {
    readonly code: ApiCode;
    readonly params: ApiParams;
    constructor(message: string, code: ApiCode | undefined, params: ApiParams = {}) {
      super(message);
      // The overloads let `code` be left out only where there is a fallback.
      this.code = code ?? (fallback as ApiCode);
      this.params = params;
      this.name = name;
    }
  };
}

/** A failure that may pass if tried again later (broker or database away, a timeout). */
export class RetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

/** What a transient failure waits for: the database (MongoDB, or FerretDB's PostgreSQL behind it), the message
 * broker, or a report's lease held by another writer. */
export type Dependency = 'database' | 'broker' | 'report';

/**
 * A dependency away or busy for now, no fault of the request or message: a message waits for it without
 * spending an attempt (within the outage budget), and the API answers 503 with Retry-After. Which failures are
 * transient is decided in one place, `transientOf` in shared/runtime/transient.ts.
 */
export class TransientError extends RetryableError {
  constructor(
    message: string,
    readonly dependency: Dependency,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** The message broker is not reachable (no connection, or it was lost while publishing). */
export class BrokerUnavailableError extends TransientError {
  constructor(options?: { cause?: unknown }) {
    super('the message broker is not reachable', 'broker', options);
    this.name = 'BrokerUnavailableError';
  }
}

/** A failure that will recur on every try (corrupt PDF, invalid message): dead-letter at once. */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** A record read from the store that does not match its contract (written by an older version, or damaged): the
 * stage that reads it cannot go on with it, on this try or the next. */
export class StoredRecordError extends PermanentError {
  constructor(
    readonly collection: string,
    readonly id: string,
    problem: string,
  ) {
    super(`the stored ${collection} record ${id} does not match its contract: ${problem}`);
    this.name = 'StoredRecordError';
  }
}

/** Bad input from a user; its code gives the HTTP status the API answers with. Permanent: a message carrying it is
 * dead-lettered at once. */
export class InputError extends withApiCode(PermanentError, 'InputError', 'bad-request') {}

/** A thing asked for by id that does not exist. Not a PermanentError: a message whose handler meets it is retried. */
export class NotFoundError extends withApiCode(Error, 'NotFoundError', 'not-found') {}

/** A document asked for its report before it has one (HTTP 409: the request is right, the document not yet). */
export class ReportNotReadyError extends Error implements CodedError {
  readonly code = 'report-not-ready';
  constructor(
    readonly documentId: string,
    readonly documentStatus: string,
  ) {
    super(`the report is not ready: the document ${documentId} is ${documentStatus}`);
    this.name = 'ReportNotReadyError';
  }

  get params(): ApiParams {
    return { documentId: this.documentId, status: this.documentStatus };
  }
}

/** A document another reviewer has open in their desk (HTTP 409): their claim, so the desk can say who and until when. */
export class ClaimHeldError extends Error implements CodedError {
  readonly code = 'claim-held';
  constructor(
    readonly documentId: string,
    readonly reviewer: string,
    readonly expiresAt: Date,
  ) {
    super(`${reviewer} is reviewing the document ${documentId} (claimed until ${expiresAt.toISOString()})`);
    this.name = 'ClaimHeldError';
  }

  get params(): ApiParams {
    return { documentId: this.documentId, reviewer: this.reviewer, expiresAt: this.expiresAt.toISOString() };
  }
}

/** Text of any thrown value, for logs and for the reason recorded on a document. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A request without valid credentials (401) or whose user lacks the role it needs (403): the code says which. */
export class AccessError extends withApiCode(Error, 'AccessError') {}

/**
 * A change made against a state that is no longer there (HTTP 412: the If-Match tag is stale); `current` is the state
 * as it now stands, so that the client can show it and let a person choose.
 */
export class StaleStateError extends Error implements CodedError {
  constructor(
    message: string,
    readonly current: unknown,
    readonly code: ApiCode,
    readonly params: ApiParams = {},
  ) {
    super(message);
    this.name = 'StaleStateError';
  }
}
