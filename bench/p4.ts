// P4 token creation, 50 concurrent callers for a fixed time, every created token tagged with this
// round's tag so the registry rows can be counted afterwards (zero lost or duplicated).
//   api:  50 HTTP clients → POST /api/v1/secure/token with the master key (the app path)
//   bare: 50 concurrent createPlaybackToken calls in one process on the same database
// Both first run WARMUP_SECONDS unmeasured (JIT, connections, caches: the bare side is a fresh
// process every round, the server is cold on its first round); tokens made then are tagged and
// counted too.
// Run: tsx --conditions=react-server bench/p4.ts <api|bare|count> <tag> [seconds] (benchEnv()).
import { readFileSync } from "node:fs";
import { BASE_URL, SEED_FILE, type SeedInfo } from "./env";

const CONCURRENCY = 50;
const WARMUP_SECONDS = Number(process.env.BENCH_P4_WARMUP ?? 3);

async function drive(seconds: number, call: (i: number) => Promise<string | null>) {
  const ids: string[] = [];
  let failed = 0;
  let n = 0;
  let measured = 0;
  const warmEnd = performance.now() + WARMUP_SECONDS * 1000;
  const deadline = warmEnd + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const id = await call(n++).catch(() => null);
        if (id) ids.push(id);
        else failed++;
        // Counted when it finishes inside the measured window.
        if (id && performance.now() >= warmEnd) measured++;
      }
    }),
  );
  const elapsed = (performance.now() - warmEnd) / 1000;
  return { ids, failed, perSec: measured / elapsed, elapsed };
}

async function main() {
  const [mode, tag, secondsText] = process.argv.slice(2);
  const seconds = Number(secondsText);
  const seed = JSON.parse(readFileSync(SEED_FILE, "utf8")) as SeedInfo;
  const groups = seed.big.groupIds;
  let result;
  if (mode === "count") {
    // Rows this round created, then removed again so repeated runs keep the seeded counts.
    const { db, disconnectDb } = await import("@/lib/db");
    const rows = await db.playbackToken.findMany({ where: { orgId: seed.big.orgId, tag }, select: { id: true } });
    await db.playbackToken.deleteMany({ where: { orgId: seed.big.orgId, tag } });
    await disconnectDb();
    process.stdout.write(JSON.stringify({ ids: rows.map((r) => r.id) }) + "\n");
    return;
  }
  if (mode === "api") {
    result = await drive(seconds, async (i) => {
      const res = await fetch(`${BASE_URL}/api/v1/secure/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-API-Key": seed.big.masterKey },
        body: JSON.stringify({ groupid: groups[i % groups.length], tag }),
      });
      const json = (await res.json()) as { id?: string };
      return res.ok && json.id ? json.id : null;
    });
  } else {
    // As in the server: a created token queues its webhook delivery in the same transaction.
    const { createPlaybackToken } = await import("@/lib/data/playback-tokens");
    const { apiBodyToTokenInput } = await import("@/lib/validation/tokens");
    const { disconnectDb } = await import("@/lib/db");
    const actor = { kind: "api_key" as const, orgId: seed.big.orgId, role: "admin" as const, userId: null, email: "bench-bare", label: "bench-bare" };
    result = await drive(seconds, async (i) => (await createPlaybackToken(actor, apiBodyToTokenInput({ groupid: groups[i % groups.length], tag }), "api")).id);
    await disconnectDb();
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
