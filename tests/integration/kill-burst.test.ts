// SECURITY row 27: a change commits with its audit event and its webhook outbox row, or none of
// them. A child process (tests/support/token-burst.ts) creates tokens through the data layer in
// eight parallel loops and prints each id it got back; it is killed with SIGKILL at a random
// moment, 20 times. Afterwards every token row has its audit event and its queued delivery, and
// every id printed before a kill exists. The child is bundled once (as npm run build bundles
// server.ts) so each round starts plain Node, not a TypeScript loader.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase } from "@/tests/support/db";
import { streamWithRenditions, tokenOrg } from "@/tests/support/tokens";
import { db } from "@/lib/db";

applyTestConfig();
setupTestDatabase();

const ROUNDS = 20;
const root = path.resolve(import.meta.dirname, "../..");
// Inside the repository (gitignored) so the bundle's external packages resolve from node_modules.
const bundle = path.join(root, "tests/artifacts", `token-burst-${process.pid}.cjs`);

beforeAll(async () => {
  await build({
    entryPoints: [path.join(root, "tests/support/token-burst.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    alias: { "server-only": path.join(root, "lib/server/empty-module.ts") },
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
    banner: { js: 'const __playgateImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "__playgateImportMetaUrl" },
  });
});
afterAll(() => fs.rmSync(bundle, { force: true }));

/** Starts a burst, kills it `afterMs` after its first creation, and returns the ids it printed. */
function burstUntilKilled(orgId: string, groupId: string, afterMs: number): Promise<{ ids: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, orgId, groupId], {
      env: { ...process.env, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const ids: string[] = [];
    let out = "";
    let stderr = "";
    let timer: ReturnType<typeof setTimeout> | null = null;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split("\n");
      out = lines.pop() ?? "";
      for (const line of lines) {
        const id = /^created (\S+)$/.exec(line)?.[1];
        if (id) ids.push(id);
        // Counted from the first answered creation, so every kill lands inside the burst.
        if (id && !timer) timer = setTimeout(() => child.kill("SIGKILL"), afterMs);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // A burst that never answers would hang the test: end it and say why.
    const stuck = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no token created within 30 s: ${stderr}`));
    }, 30_000);
    child.on("exit", () => clearTimeout(stuck));
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== "SIGKILL") reject(new Error(`burst ended by itself (${signal ?? _code}): ${stderr}`));
      else resolve({ ids, stderr });
    });
  });
}

describe("27: half-written changes", () => {
  it("27: SIGKILL at random points of a creation burst, 20 times, leaves every token with its audit event and its queued delivery", { timeout: 240_000 }, async () => {
    const { org } = await tokenOrg();
    const { stream } = await streamWithRenditions(org.id);
    await db.webhook.create({ data: { orgId: org.id, url: "https://hooks.example.com/in", events: JSON.stringify(["token.created"]), enabled: true, secretNonce: "n", secretMasked: "" } });

    const answered: string[] = [];
    const kills: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const afterMs = Math.floor(Math.random() * 400);
      kills.push(afterMs);
      const { ids } = await burstUntilKilled(org.id, stream.id, afterMs);
      answered.push(...ids);
    }

    const tokens = await db.playbackToken.findMany({ where: { orgId: org.id }, select: { id: true } });
    const audited = await db.auditEvent.findMany({ where: { orgId: org.id, action: "token.created" }, select: { targetId: true } });
    const queued = await db.webhookDelivery.findMany({ where: { orgId: org.id, eventType: "token.created" }, select: { payload: true } });
    const tokenIds = new Set(tokens.map((t) => t.id));
    const auditIds = audited.map((a) => a.targetId);
    const queuedIds = queued.map((d) => (JSON.parse(d.payload) as { data: { id: string } }).data.id);
    console.info(`[kill-burst] ${ROUNDS} kills after ${kills.join(",")} ms; ${answered.length} answered, ${tokenIds.size} rows`);

    expect(answered.length).toBeGreaterThan(ROUNDS);
    expect(answered.filter((id) => !tokenIds.has(id))).toEqual([]);
    // Exactly one audit event and one delivery per row, and none for a row that does not exist.
    expect([...auditIds].sort()).toEqual([...tokenIds].sort());
    expect([...queuedIds].sort()).toEqual([...tokenIds].sort());
  });
});
