// Several instances started at once on one empty PostgreSQL in demo mode (as a deployment of
// several instances would start after an upgrade): migrations run once, the demo is seeded once
// under the same lock, and every instance starts and serves.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { pgAdmin, withDatabase } from "@/lib/db/migrate";

const serverUrl = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:54329/postgres";
const database = `pg_startup_${process.pid}_${Date.now()}`;
const url = withDatabase(serverUrl, database);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "playgate-startup-"));
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

afterAll(async () => {
  for (const child of children) if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await pgAdmin(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("start-up", () => {
  it("three instances started at once on an empty PostgreSQL in demo mode: one migration, one seed, all serve", async () => {
    await pgAdmin(serverUrl, `CREATE DATABASE "${database}"`);
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const outputs = ports.map(() => "");
    const started = Date.now();
    ports.forEach((port, i) => {
      const child = spawn("bash", ["scripts/start.sh"], {
        env: { ...process.env, PLAYGATE_MODE: "demo", PLAYGATE_DATA_DIR: dataDir, DATABASE_URL: url, PORT: String(port), HOSTNAME: "127.0.0.1", APP_URL: `http://127.0.0.1:${port}` },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      child.stdout!.on("data", (d) => (outputs[i] += d));
      child.stderr!.on("data", (d) => (outputs[i] += d));
      children.push(child);
    });
    const healthy = await Promise.all(ports.map(async (port, i) => {
      while (Date.now() - started < 90_000) {
        if (children[i].exitCode !== null) return `exited ${children[i].exitCode}: ${outputs[i]}`;
        if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return "ok";
        await new Promise((r) => setTimeout(r, 300));
      }
      return `not healthy in 90 s: ${outputs[i]}`;
    }));
    console.log(`three instances healthy in ${Date.now() - started} ms`);
    expect(healthy).toEqual(["ok", "ok", "ok"]);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const orgs = await client.query<{ name: string }>(`SELECT name FROM "Organisation" ORDER BY name`);
      expect(orgs.rows.map((r) => r.name)).toEqual(["Demo Streaming Co", "Other Org"]);
      const migrations = await client.query<{ n: string; distinct_n: string }>(`SELECT count(*) AS n, count(DISTINCT migration_name) AS distinct_n FROM _prisma_migrations`);
      expect(migrations.rows[0].n).toBe(migrations.rows[0].distinct_n);
    } finally {
      await client.end();
    }
    // The master key is printed by the instance that seeded, and only by it.
    expect(outputs.filter((o) => /pg_live_[A-Za-z0-9_-]{20,}/.test(o))).toHaveLength(1);
    expect(outputs.join("\n")).not.toMatch(/already exists|could not start/i);
  }, 120_000);
});
