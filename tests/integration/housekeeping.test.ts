// Growth is bounded: a housekeeping pass removes expired sessions, long-expired invitations and
// password reset links, ended
// rate-limit windows, finished webhook deliveries (with their attempts) past their retention and
// audit events past theirs, and leaves everything fresh alone; the tables shrink. On PostgreSQL a
// second instance skips the pass while another holds the housekeeping lock.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyTestConfig } from "@/tests/support/config";
import { setupTestDatabase, testDatabaseKind } from "@/tests/support/db";
import { createOrganisation, createUser } from "@/tests/support/factory";
import { db } from "@/lib/db";
import { runHousekeeping } from "@/lib/data/housekeeping";

applyTestConfig();
setupTestDatabase();

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function sizes() {
  const [sessions, invitations, passwordResets, rateLimits, deliveries, attempts, auditEvents, viewerSightings, tokenUsage, usageOutcomes, tokenSightings, streamMinutes] = await Promise.all([
    db.apiSession.count(),
    db.invitation.count(),
    db.passwordReset.count(),
    db.rateLimit.count(),
    db.webhookDelivery.count(),
    db.webhookAttempt.count(),
    db.auditEvent.count(),
    db.viewerSighting.count(),
    db.tokenUsage.count(),
    db.tokenUsageOutcome.count(),
    db.tokenSighting.count(),
    db.streamUsageMinute.count(),
  ]);
  return { sessions, invitations, passwordResets, rateLimits, deliveries, attempts, auditEvents, viewerSightings, tokenUsage, usageOutcomes, tokenSightings, streamMinutes };
}

let n = 0;
async function seed(orgId: string, userId: string, old: boolean) {
  const tag = `${old ? "old" : "new"}-${n++}`;
  await db.apiSession.create({ data: { orgId, userId, tokenHash: tag, tokenPrefix: tag, tokenKeyGeneration: 1, sessionVersion: 1, role: "admin", expiresAt: old ? ago(1) : ago(-1) } });
  await db.invitation.create({ data: { orgId, role: "user", tokenHash: tag, createdByEmail: "a@example.test", expiresAt: old ? ago(8) : ago(1) } });
  await db.passwordReset.create({ data: { orgId, userId, tokenHash: `pwr-${tag}`, createdByEmail: "a@example.test", expiresAt: old ? ago(8) : ago(1) } });
  await db.rateLimit.create({ data: { key: tag, count: 3, resetAt: old ? ago(0.01) : ago(-0.01) } });
  const delivery = await db.webhookDelivery.create({
    data: { orgId, messageId: `msg_${tag}`, eventType: "publish", payload: "{}", url: "https://hooks.example.com/", status: "succeeded", attempts: 1, createdAt: old ? ago(31) : ago(29), completedAt: old ? ago(31) : ago(29) },
  });
  await db.webhookAttempt.create({ data: { deliveryId: delivery.id, attempt: 1, statusCode: 200, latencyMs: 5 } });
  await db.auditEvent.create({ data: { orgId, actorEmail: "a@example.test", actorKind: "system", action: tag, createdAt: old ? ago(401) : ago(399) } });
  // A viewer sighting is kept an hour ("viewers now" looks back 30 s).
  const stream = await db.stream.create({ data: { id: `st_${tag}_${orgId}`, orgId, name: tag } });
  await db.viewerSighting.create({ data: { streamId: stream.id, viewerKey: tag, lastSeenAt: new Date(Date.now() - (old ? 61 : 59) * 60_000) } });
  // Usage counts are kept 7 days (retention.usageDays).
  const seen = old ? ago(8) : ago(6);
  await db.tokenUsage.create({ data: { jti: `jti-${tag}`, orgId, firstSeenAt: seen, lastSeenAt: seen } });
  await db.tokenUsageOutcome.create({ data: { jti: `jti-${tag}`, outcome: "allowed", count: 5 } });
  await db.tokenSighting.create({ data: { jti: `jti-${tag}`, kind: "ip", value: "203.0.113.9", firstSeenAt: seen, lastSeenAt: seen, checks: 5 } });
  await db.streamUsageMinute.create({ data: { streamId: stream.id, minute: seen, orgId, allowed: 5 } });
}

describe("housekeeping", () => {
  it("removes what expired or is past retention (deliveries 30 days, audit 400), keeps the rest; the tables shrink", async () => {
    const org = await createOrganisation();
    const user = await createUser(org.id, "admin");
    for (let i = 0; i < 3; i++) await seed(org.id, user.id, true);
    await seed(org.id, user.id, false);
    // A delivery still being retried is kept however old.
    await db.webhookDelivery.create({ data: { orgId: org.id, messageId: "msg_pending", eventType: "publish", payload: "{}", url: "https://hooks.example.com/", createdAt: ago(60) } });
    const before = await sizes();

    const removed = await runHousekeeping();
    expect(removed).toEqual({ sessions: 3, invitations: 3, passwordResets: 3, rateLimits: 3, deliveries: 3, auditEvents: 3, viewerSightings: 3, usage: 6 });
    const after = await sizes();
    expect(after).toEqual({
      sessions: before.sessions - 3,
      invitations: before.invitations - 3,
      passwordResets: before.passwordResets - 3,
      rateLimits: before.rateLimits - 3,
      deliveries: before.deliveries - 3,
      attempts: before.attempts - 3,
      auditEvents: before.auditEvents - 3,
      viewerSightings: before.viewerSightings - 3,
      tokenUsage: before.tokenUsage - 3,
      usageOutcomes: before.usageOutcomes - 3,
      tokenSightings: before.tokenSightings - 3,
      streamMinutes: before.streamMinutes - 3,
    });
    expect(await db.auditEvent.count({ where: { action: { startsWith: "new-" } } })).toBe(1);
    expect(await db.webhookDelivery.count({ where: { messageId: { in: ["msg_pending", "msg_new-3"] } } })).toBe(2);
    // Nothing more to do on a second pass.
    expect(await runHousekeeping()).toEqual({ sessions: 0, invitations: 0, passwordResets: 0, rateLimits: 0, deliveries: 0, auditEvents: 0, viewerSightings: 0, usage: 0 });
  });

  it("applies the retention settings", async () => {
    const org = await createOrganisation();
    await db.auditEvent.create({ data: { orgId: org.id, actorEmail: "a@example.test", actorKind: "system", action: "eleven.days", createdAt: ago(11) } });
    await db.auditEvent.create({ data: { orgId: org.id, actorEmail: "a@example.test", actorKind: "system", action: "nine.days", createdAt: ago(9) } });
    const older = await db.auditEvent.count({ where: { createdAt: { lt: ago(10) } } });
    applyTestConfig({ PLAYGATE_RETENTION_AUDIT_DAYS: "10" });
    try {
      expect((await runHousekeeping())?.auditEvents).toBe(older);
    } finally {
      applyTestConfig({ PLAYGATE_RETENTION_AUDIT_DAYS: undefined });
    }
    expect(await db.auditEvent.count({ where: { action: "eleven.days" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "nine.days" } })).toBe(1);
  });

  it("runs on one instance at a time: while another holds the lock, a pass is skipped", async () => {
    if (testDatabaseKind() !== "postgres") {
      // SQLite: one process writes at a time; two passes in a row simply find nothing the second time.
      const [a, b] = await Promise.all([runHousekeeping(), runHousekeeping()]);
      expect(a && b).toBeTruthy();
      return;
    }
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock(7267106110)");
      expect(await runHousekeeping()).toBeNull();
      await other.query("COMMIT");
      expect(await runHousekeeping()).not.toBeNull();
    } finally {
      await other.end();
    }
  });
});
