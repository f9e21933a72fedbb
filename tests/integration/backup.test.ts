// `npm run org -- backup DIR` writes the database and its secrets together; restoring both
// gives an installation where the admin signs in and the organisation's encrypted signing key
// still signs. Restoring the database with other secrets cannot sign: the two belong together.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabaseUrl, setupTestDatabase, testDatabaseKind, testPgServerUrl } from "@/tests/support/db";
import { tokenOrg } from "@/tests/support/tokens";
import { pgAdmin } from "@/lib/db/migrate";
import { hashPassword } from "@/lib/crypto";
import { db } from "@/lib/db";
import { createPlaybackToken } from "@/lib/data/playback-tokens";
import { tokenFormSchema } from "@/lib/validation/tokens";

setupTestDatabase();

const dir = mkdtempSync(path.join(os.tmpdir(), "playgate-backup-"));
const restoredUrl = freshDatabaseUrl();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (testDatabaseKind() === "postgres") await pgAdmin(testPgServerUrl(), `DROP DATABASE IF EXISTS "${new URL(restoredUrl).pathname.slice(1)}" WITH (FORCE)`);
  else rmSync(restoredUrl.replace(/^file:/, ""), { force: true });
});

const baseEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NODE_ENV: "test", APP_URL: process.env.APP_URL! };
const run = (args: string[], env: Record<string, string>) =>
  spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", ...args], { env: { ...baseEnv, ...env } as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 });

describe("backup and restore", () => {
  it("a restored backup signs the admin in and still signs tokens; with other secrets it cannot sign", { timeout: 120_000 }, async () => {
    const { org, admin, actor } = await tokenOrg();
    await db.user.update({ where: { id: admin.id }, data: { passwordHash: await hashPassword("restore-me-please") } });
    await createPlaybackToken(actor, tokenFormSchema.parse({ target: "org", expiresAt: new Date(Date.now() + 86_400_000).toISOString() }), "api");

    const secrets = { PLAYGATE_SECRET: process.env.PLAYGATE_SECRET!, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET! };
    const backup = run(["scripts/org.ts", "backup", path.join(dir, "b1")], { DATABASE_URL: process.env.DATABASE_URL!, ...secrets });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up to/);
    const saved = JSON.parse(readFileSync(path.join(dir, "b1", "secrets.json"), "utf8"));
    expect(saved).toEqual({ appSecret: secrets.PLAYGATE_SECRET, authSecret: secrets.NEXTAUTH_SECRET });
    for (const file of ["secrets.json", testDatabaseKind() === "postgres" ? "playgate.dump" : "playgate.db"]) expect(statSync(path.join(dir, "b1", file)).mode & 0o777).toBe(0o600);

    if (testDatabaseKind() === "postgres") {
      await pgAdmin(testPgServerUrl(), `CREATE DATABASE "${new URL(restoredUrl).pathname.slice(1)}"`);
      const restore = spawnSync("pg_restore", ["--no-owner", "--dbname", restoredUrl, path.join(dir, "b1", "playgate.dump")], { encoding: "utf8" });
      expect(restore.status, restore.stderr).toBe(0);
    } else {
      copyFileSync(path.join(dir, "b1", "playgate.db"), restoredUrl.replace(/^file:/, ""));
    }

    const check = (env: Record<string, string>) => {
      const out = run(["tests/support/restore-check.ts", admin.email, "restore-me-please", org.id], { DATABASE_URL: restoredUrl, ...env });
      expect(out.status, out.stderr).toBe(0);
      return JSON.parse(out.stdout.trim().split("\n").pop()!);
    };
    expect(check({ PLAYGATE_SECRET: saved.appSecret, NEXTAUTH_SECRET: saved.authSecret })).toMatchObject({ signedIn: true, signed: true });
    const other = check({ PLAYGATE_SECRET: "another-secret-0123456789-0123456789-xyz", NEXTAUTH_SECRET: saved.authSecret });
    expect(other).toMatchObject({ signedIn: true, signed: false });
  });

  it("refuses to write over an earlier backup", { timeout: 60_000 }, () => {
    const env = { DATABASE_URL: process.env.DATABASE_URL!, PLAYGATE_SECRET: process.env.PLAYGATE_SECRET!, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET! };
    expect(run(["scripts/org.ts", "backup", path.join(dir, "b2")], env).status).toBe(0);
    const again = run(["scripts/org.ts", "backup", path.join(dir, "b2")], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists already and is not empty/);
  });
});
