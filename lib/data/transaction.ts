import "server-only";
// The one path for a write: the change, its audit event (recordAudit) and its webhook outbox rows
// (enqueueWebhook) commit together or not at all, so a crash at any point leaves all three or
// none. Keep the work short (sign, hash, resolve DNS before): on SQLite a write transaction holds
// every other query of the process until it commits.
import { db, type Db } from "@/lib/db";

/**
 * What every tx-taking data-layer function writes through: the client inside a transaction (or
 * `db` itself, for an event that records no change). Typed from Db so the secret-column omits hold
 * (the generated $transaction callback type drops them, though they apply at run time).
 */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$use" | "$extends" | "$transaction">;

// Waiting 10 s for a turn covers a burst of writers queued on SQLite's one connection.
const OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export function inTransaction<T>(work: (tx: Tx) => Promise<T>, options: { maxWait?: number; timeout?: number } = {}): Promise<T> {
  return db.$transaction((tx) => work(tx as unknown as Tx), { ...OPTIONS, ...options });
}
