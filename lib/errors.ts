// Our own error types. The data layer turns Prisma errors into these; the action wrapper and
// the API route helper turn these into answers (404/409/429…) without leaking internals.

export class NotFoundError extends Error {
  constructor(what = "Not found") {
    super(what);
    this.name = "NotFoundError";
  }
}

export class ConflictError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

export class RateLimitError extends Error {
  constructor(readonly retryAfterSec: number) {
    super(`Too many attempts. Try again in ${retryAfterSec} seconds.`);
    this.name = "RateLimitError";
  }
}

/** A rule of the product refused the input (e.g. "Secure Playback is not enabled"). */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly code = "refused",
    readonly field?: string,
  ) {
    super(message);
    this.name = "RuleError";
  }
}

/** How long a caller is told to wait when the database is unreachable (Retry-After). */
export const UNAVAILABLE_RETRY_AFTER_SEC = 5;

/**
 * Error boundaries see only an error's digest in production (Next keeps a digest the error
 * already carries), so an outage is marked by this one, and the boundary can say "temporarily
 * unavailable" instead of "something went wrong".
 */
export const UNAVAILABLE_DIGEST = "PLAYGATE_DATABASE_UNAVAILABLE";

/**
 * The database cannot be reached or used right now (connection refused or terminated, timeouts,
 * an unopenable or locked SQLite file). Made by lib/db's classifier; answered as 503 with
 * Retry-After, an action's "unavailable" state, or the "temporarily unavailable" page. The
 * reason is a short failure class for the server log, never a connection string.
 */
export class DatabaseUnavailableError extends Error {
  readonly digest = UNAVAILABLE_DIGEST;
  readonly retryAfterSec = UNAVAILABLE_RETRY_AFTER_SEC;

  constructor(readonly reason: string) {
    super("The database is temporarily unavailable.");
    this.name = "DatabaseUnavailableError";
  }
}
