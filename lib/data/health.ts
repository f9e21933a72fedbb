import "server-only";
import { db } from "@/lib/db";

/** A trivial query; the reason names the failure class, never a connection string. */
export async function checkDatabase(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, reason: code ? `database error ${code}` : "database unreachable" };
  }
}
