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
