import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import type { RateLimitSetting } from "@/lib/config";

export interface RateLimitState {
  limited: boolean;
  count: number;
  remaining: number;
  resetAt: Date;
  retryAfterSec: number;
}

/**
 * Fixed-window counter in the database, so every app instance sharing it sees the same count.
 * `hit` counts one attempt; `peek` only reads (used to refuse before doing expensive work).
 */
export async function hitRateLimit(key: string, setting: RateLimitSetting): Promise<RateLimitState> {
  const now = new Date();
  const nextReset = new Date(now.getTime() + setting.windowSec * 1000);
  let row;
  try {
    row = await db.rateLimit.upsert({ where: { key }, create: { key, count: 1, resetAt: nextReset }, update: { count: { increment: 1 } } });
  } catch (error) {
    // Two first hits raced to create the row: the loser increments the winner's row.
    if (!isUniqueViolation(error)) throw error;
    row = await db.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
  }
  if (row.resetAt <= now) {
    // The window had passed: start a new one. Conditional on the old window, so of several
    // concurrent callers one resets and the others read the fresh count (one write per hit in
    // the common case, two only at a window boundary).
    const { count } = await db.rateLimit.updateMany({ where: { key, resetAt: row.resetAt }, data: { count: 1, resetAt: nextReset } });
    row = count === 1 ? { count: 1, resetAt: nextReset } : await db.rateLimit.findUniqueOrThrow({ where: { key } });
  }
  return stateOf(row.count, row.resetAt, setting, now);
}

export async function peekRateLimit(key: string, setting: RateLimitSetting): Promise<RateLimitState> {
  const now = new Date();
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.resetAt <= now) return stateOf(0, new Date(now.getTime() + setting.windowSec * 1000), setting, now);
  return stateOf(row.count, row.resetAt, setting, now);
}

/** Takes back one counted attempt (one that turned out not to be a failure), never below zero. */
export async function releaseRateLimit(key: string): Promise<void> {
  await db.rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

export async function clearRateLimit(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

function stateOf(count: number, resetAt: Date, setting: RateLimitSetting, now: Date): RateLimitState {
  return {
    limited: count > setting.max,
    count,
    remaining: Math.max(0, setting.max - count),
    resetAt,
    retryAfterSec: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  };
}
