// Row 22: which database errors are an outage (503 "unavailable") and which are not. The shapes
// are the ones the drivers were seen to throw (tests/integration/outage.test.ts makes the real
// ones on both databases); a constraint, a missing row or a bad query must stay what it is.
import { describe, expect, it } from "vitest";
import { asDatabaseUnavailable } from "@/lib/db/unavailable";
import { DatabaseUnavailableError, UNAVAILABLE_DIGEST } from "@/lib/errors";

const known = (code: string, cause?: Record<string, unknown>) =>
  Object.assign(new Error(`Invalid invocation ${code}`), { name: "PrismaClientKnownRequestError", code, meta: cause ? { driverAdapterError: { name: "DriverAdapterError", cause } } : {} });

const OUTAGES: [string, unknown][] = [
  ["PostgreSQL on a closed port (P1001)", known("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 })],
  ["a raw query on a closed port (P2010 + DatabaseNotReachable)", known("P2010", { kind: "DatabaseNotReachable" })],
  ["a database refusing connections (55000 FATAL)", known("P2039", { originalCode: "55000", kind: "postgres", code: "55000", severity: "FATAL" })],
  ["a terminated backend (57P01 FATAL)", known("P2010", { originalCode: "57P01", kind: "postgres", code: "57P01", severity: "FATAL" })],
  ["a database that does not exist (P1003)", known("P1003", { originalCode: "3D000", kind: "DatabaseDoesNotExist" })],
  ["SQLite past the busy timeout (P1008 SQLITE_BUSY)", known("P1008", { originalCode: "SQLITE_BUSY", kind: "SocketTimeout" })],
  ["a SQLite file that cannot be opened", known("SQLITE_CANTOPEN")],
  ["a bare SqliteError from a transaction start", Object.assign(new Error("unable to open database file"), { name: "SqliteError", code: "SQLITE_CANTOPEN" })],
  ["a pg connection dropped without a code", new Error("Connection terminated unexpectedly")],
  ["a socket error as a cause", Object.assign(new Error("wrapped"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })],
];

const NOT_OUTAGES: [string, unknown][] = [
  ["a unique violation (P2002)", known("P2002", { kind: "UniqueConstraintViolation" })],
  ["a missing row (P2025)", known("P2025")],
  ["a foreign key (P2003)", known("P2003", { kind: "ForeignKeyConstraintViolation" })],
  ["a bad raw query (42601)", known("P2010", { originalCode: "42601", kind: "postgres", code: "42601", severity: "ERROR" })],
  ["a validation error", Object.assign(new Error("Invalid `db.x.create()`"), { name: "PrismaClientValidationError" })],
  ["a TypeError", new TypeError("Cannot read properties of null (reading 'sessionVersion')")],
  ["a string", "boom"],
];

describe("22: the outage classifier", () => {
  it.each(OUTAGES)("22: %s is an outage", (_name, error) => {
    const unavailable = asDatabaseUnavailable(error);
    expect(unavailable).toBeInstanceOf(DatabaseUnavailableError);
    expect(unavailable).toMatchObject({ digest: UNAVAILABLE_DIGEST, retryAfterSec: expect.any(Number), reason: expect.any(String) });
  });

  it.each(NOT_OUTAGES)("22: %s is not an outage", (_name, error) => {
    expect(asDatabaseUnavailable(error)).toBeNull();
  });
});
