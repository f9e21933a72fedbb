// The operator CLI (`npm run org -- …`), run as an operator would, against this file's database:
// create an organisation (its master key printed once), switch a package on, set the overview's
// Support Level and Analytics Level chips, list, make a one-time password reset link; bad input
// exits 1 with a message.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/support/db";
import { db } from "@/lib/db";
import { resolveMasterKey } from "@/lib/data/api-keys";
import { redeemPasswordReset } from "@/lib/data/password-resets";
import { verifyPassword } from "@/lib/crypto";

setupTestDatabase();

function org(...args: string[]) {
  return orgWith({}, ...args);
}

/** With the server's settings: a reset link names APP_URL (deployment mode needs the secrets too). */
const SERVER_ENV = { APP_URL: "https://playgate.cli.test", PLAYGATE_SECRET: process.env.PLAYGATE_SECRET!, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET! };

function orgWith(extra: Record<string, string>, ...args: string[]) {
  const result = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/org.ts", ...args], {
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", DATABASE_URL: process.env.DATABASE_URL!, PLAYGATE_ADMIN_PASSWORD: "operator-set-password", ...extra },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe("operator CLI", () => {
  it("creates an organisation, enables a package, sets the level chips and lists them", { timeout: 120_000 }, async () => {
    const created = org("create", "--name", "Cli Streaming", "--admin-email", "ops@cli.test", "--admin-name", "Ops");
    expect(created.status, created.err).toBe(0);
    const key = /Master API key \(shown only now, stored hashed\): (pg_live_\S+)/.exec(created.out)?.[1];
    expect(key).toBeTruthy();
    const row = await db.organisation.findFirstOrThrow({ where: { name: "Cli Streaming" } });
    expect((await resolveMasterKey(key!))?.orgId).toBe(row.id);

    expect(org("package", "enable", "Cli Streaming", "secure_playback").out).toMatch(/packages now secure_playback/);
    expect(org("level", "support", row.id, "Premium", "24/7").status).toBe(1);
    expect(org("level", "support", row.id, "Premium").out).toMatch(/Support Level now Premium/);
    expect(org("level", "analytics", "Cli Streaming", "Advanced", "Plus").out).toMatch(/Analytics Level now Advanced Plus/);

    const after = await db.organisation.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ packages: JSON.stringify(["secure_playback"]), supportLevel: "Premium", analyticsLevel: "Advanced Plus" });
    expect(org("list").out).toContain(`${row.id}  Cli Streaming  [["secure_playback"]]  support Premium, analytics Advanced Plus`);
    const actions = (await db.auditEvent.findMany({ where: { orgId: row.id } })).map((e) => e.action).sort();
    expect(actions).toEqual(["organisation.analytics_level_changed", "organisation.created", "organisation.support_level_changed", "package.enabled"]);

    // A locked-out admin: the operator makes a reset link, which sets a new password once.
    const reset = orgWith(SERVER_ENV, "reset-password", "OPS@cli.test");
    expect(reset.status, reset.err).toBe(0);
    const link = /https:\/\/playgate\.cli\.test\/reset-password\/(pg_pwr_[A-Za-z0-9_-]+)/.exec(reset.out)?.[1];
    expect(link, reset.out).toBeTruthy();
    expect(reset.out).toMatch(/works once until \d{4}-\d{2}-\d{2}T/);
    expect(await redeemPasswordReset({ token: link!, password: "a-new-operator-password" })).toEqual({ email: "ops@cli.test" });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "ops@cli.test" }, omit: { passwordHash: false } });
    expect(await verifyPassword("a-new-operator-password", admin.passwordHash)).toBe(true);
    const made = await db.auditEvent.findFirstOrThrow({ where: { orgId: row.id, action: "user.password_reset_link_created" } });
    expect(made).toMatchObject({ actorKind: "system", actorEmail: "cli", targetId: admin.id, result: "ok" });
    const unknown = orgWith(SERVER_ENV, "reset-password", "nobody@cli.test");
    expect(unknown.status).toBe(1);
    expect(unknown.err).toMatch(/No user with the email nobody@cli.test/);
  });

  it("an unknown organisation or package, or a missing argument, exits 1 and says what is wrong", { timeout: 60_000 }, () => {
    const unknownOrg = org("level", "support", "No Such Org", "Premium");
    expect(unknownOrg.status).toBe(1);
    expect(unknownOrg.err).toMatch(/No organisation with id or name "No Such Org"/);
    const unknownPackage = org("package", "enable", "Cli Streaming", "teleportation");
    expect(unknownPackage.status).toBe(1);
    expect(unknownPackage.err).toMatch(/Unknown package "teleportation"/);
    const usage = org("level", "support");
    expect(usage.status).toBe(1);
    expect(usage.err).toMatch(/Usage:/);
  });
});
