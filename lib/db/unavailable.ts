// Which database errors mean "unreachable or unusable right now" rather than "this query is
// wrong": the one classifier behind DatabaseUnavailableError. Learned from what the drivers
// actually throw (tests/integration/outage.test.ts): PostgreSQL on a closed port gives P1001
// (DatabaseNotReachable), a database that refuses connections 55000 FATAL, terminated backends
// 57P01 FATAL; a SQLite path that cannot be opened SQLITE_CANTOPEN (sometimes as a bare
// SqliteError from a transaction start), a write past the busy timeout P1008 (SQLITE_BUSY).
import { DatabaseUnavailableError } from "@/lib/errors";

// Prisma's own codes: cannot reach / timed out / no such database / operations timed out /
// server closed the connection / pool timeout / authentication or access refused / too many connections.
const PRISMA_CODES = new Set(["P1000", "P1001", "P1002", "P1003", "P1008", "P1010", "P1017", "P2024", "P2037"]);
// Driver adapter error kinds (@prisma/driver-adapter-utils) that are about the connection.
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable", "DatabaseDoesNotExist", "DatabaseAccessDenied", "AuthenticationFailed",
  "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError",
]);
const SQLITE_CODES = /^SQLITE_(CANTOPEN|BUSY|LOCKED|IOERR|READONLY|FULL)/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// PostgreSQL SQLSTATE: class 08 (connection exception), admin/crash shutdown and "cannot connect
// now", too many connections, no such database; FATAL and PANIC end the session whatever the code.
const PG_STATES = /^(08...|57P0[123]|53300|3D000)$/;
// node-postgres says these without a code.
const PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

type Loose = { code?: unknown; kind?: unknown; severity?: unknown; message?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown };

function reasonOf(e: Loose): string | null {
  const code = typeof e.code === "string" ? e.code : undefined;
  const original = typeof e.originalCode === "string" ? e.originalCode : undefined;
  if (code && PRISMA_CODES.has(code)) return code;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return e.kind;
  for (const c of [code, original]) {
    if (!c) continue;
    if (SQLITE_CODES.test(c) || SOCKET_CODES.has(c) || PG_STATES.test(c)) return c;
  }
  if (e.severity === "FATAL" || e.severity === "PANIC") return `${original ?? code ?? "postgres"} ${e.severity}`;
  if (typeof e.message === "string" && PG_MESSAGES.test(e.message)) return "connection terminated";
  return null;
}

/** The outage error for `error` (itself, or found in its causes), or null for any other error. */
export function asDatabaseUnavailable(error: unknown): DatabaseUnavailableError | null {
  if (error instanceof DatabaseUnavailableError) return error;
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const loose = e as Loose;
    const reason = reasonOf(loose);
    if (reason) return new DatabaseUnavailableError(reason);
    queue.push(loose.meta?.driverAdapterError?.cause, loose.cause);
  }
  return null;
}

/** Rethrows an outage as DatabaseUnavailableError (cause kept for the server log), anything else as is. */
export function rethrowClassified(error: unknown): never {
  const unavailable = asDatabaseUnavailable(error);
  if (unavailable && unavailable !== error) unavailable.cause = error;
  throw unavailable ?? error;
}
