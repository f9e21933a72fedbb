// Seeds the scale dataset into bench/data/bench.db (never the demo database): a big
// organisation (10,000 users, 1,000 streams, 200,000 playback tokens of which 100,000 revoked)
// and a small one (10 of each) for P5's reference. Bulk createMany in chunks; one password hash
// for every user. 2,000 tokens are really signed (P3 sends them); the rest carry placeholder text
// but realistic jti/kid/org/revocation, so the authorize revocation lookup hits a 200k-row table.
// Run: tsx --conditions=react-server bench/seed.ts (with benchEnv()).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { db, disconnectDb } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { getConfig } from "@/lib/config";
import { hashPassword } from "@/lib/crypto";
import { createOrganisation } from "@/lib/data/organisations";
import { newTokenKey } from "@/lib/data/users";
import { ensureActiveSigningKey } from "@/lib/data/signing-keys";
import { newStreamId, newStreamName } from "@/lib/ids";
import { issuerFor, TOKEN_AUDIENCE, type PlaybackClaims } from "@/lib/tokens/claims";
import { signClaims } from "@/lib/tokens/sign";
import { PASSWORD, SCALE, SEED_FILE, type SeedInfo } from "./env";

const CHUNK = 1_000;
const DAY = 86_400_000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

async function seedOrg(name: string, users: number, streams: number) {
  const admin = `admin@${name.toLowerCase().replace(/\W+/g, "-")}.bench`;
  const created = await createOrganisation(
    { name, admin: { email: admin, name: "Bench Admin", password: PASSWORD }, packages: ["live_processing", "secure_playback", "vod"] },
    "bench-seed",
  );
  const orgId = created.org.id;
  const passwordHash = await hashPassword(PASSWORD);
  const roles = ["user", "readonly", "admin"] as const;
  const base = Date.now() - 400 * DAY;
  const userRows = Array.from({ length: users - 1 }, (_, i) => ({
    orgId,
    email: `u${i}@${orgId}.bench`,
    name: `Bench User ${i}`,
    role: roles[i % 3],
    passwordHash,
    ...newTokenKey(),
    createdAt: new Date(base + i * 60_000),
  }));
  await inChunks(userRows, (data) => db.user.createMany({ data }));

  const groups = Array.from({ length: streams }, (_, i) => ({ id: newStreamId(), orgId, name: `Bench stream ${i}`, createdAt: new Date(base + i * 60_000) }));
  await inChunks(groups, (data) => db.stream.createMany({ data }));
  const renditions = groups.map((g) => ({ streamId: g.id, orgId, streamName: newStreamName(), label: "720p", bitrateKbps: 2500, position: 0 }));
  await inChunks(renditions, (data) => db.streamRendition.createMany({ data }));
  return { orgId, admin, masterKey: created.masterKey, groups: groups.map((g, i) => ({ id: g.id, stream: renditions[i].streamName })) };
}

type TokenSeedRow = {
  orgId: string; jti: string; kid: string; targetType: string; groupId: string; issuedAt: Date; expiresAt: Date; token: string;
  tag: string; userClaim: string; createdByEmail: string; createdVia: string; createdAt: Date; revokedAt?: Date; revokedReason?: string;
};
const COLUMNS = ["id", "orgId", "jti", "kid", "targetType", "groupId", "issuedAt", "expiresAt", "token", "tag", "userClaim", "createdByEmail", "createdVia", "createdAt", "revokedAt", "revokedReason"] as const;
// Prisma's SQLite DateTime text format.
const sqlDate = (d: Date | undefined) => (d ? d.toISOString().replace("Z", "+00:00") : null);

/** Multi-row INSERTs in one transaction: createMany spent minutes of CPU building 200 queries. */
async function insertTokens(rows: TokenSeedRow[]) {
  const per = 500;
  const placeholders = `(${COLUMNS.map(() => "?").join(",")})`;
  await db.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const values = chunk.flatMap((r) => [
        `bt_${randomBytes(12).toString("base64url")}`, r.orgId, r.jti, r.kid, r.targetType, r.groupId, sqlDate(r.issuedAt), sqlDate(r.expiresAt), r.token,
        r.tag, r.userClaim, r.createdByEmail, r.createdVia, sqlDate(r.createdAt), sqlDate(r.revokedAt), r.revokedReason ?? null,
      ]);
      const sql = `INSERT INTO "PlaybackToken" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${chunk.map(() => placeholders).join(",")}`;
      await tx.$executeRawUnsafe(sql, ...values);
    }
  }, { timeout: 600_000, maxWait: 60_000 });
}

async function seedTokens(orgId: string, groups: { id: string; stream: string }[], total: number, revoked: number, real: number) {
  const key = await ensureActiveSigningKey(orgId);
  const iss = issuerFor(getConfig().appUrl, orgId);
  const now = Date.now();
  const out: SeedInfo["real"] = [];
  const rows: TokenSeedRow[] = [];
  const every = Math.max(2, Math.floor(total / real));
  for (let i = 0; i < total; i++) {
    const g = groups[i % groups.length];
    const jti = randomBytes(16).toString("base64url");
    const issuedAt = new Date(now - (total - i) * 1_000);
    const expiresAt = new Date(now + 300 * DAY);
    let token = `placeholder.${jti}`;
    const isReal = i % every === 1 && out.length < real;
    // Revoked: every other real token, every odd placeholder, and every 200th even one, which
    // makes exactly half of 200,000 (and half of the 2,000 real ones) revoked.
    const isRevoked = isReal ? out.length % 2 === 1 : i % 2 === 1 || (i % 200 === 0 && revoked === total / 2);
    if (isReal) {
      const claims: PlaybackClaims = { groupid: g.id, iss, aud: TOKEN_AUDIENCE, org: orgId, jti, iat: Math.floor(issuedAt.getTime() / 1000), exp: Math.floor(expiresAt.getTime() / 1000) };
      token = (await signClaims(claims, key.kid, key.privateKey)).token;
      out.push({ token, stream: g.stream, revoked: isRevoked });
    }
    rows.push({
      orgId, jti, kid: key.kid, targetType: "group", groupId: g.id, issuedAt, expiresAt, token,
      tag: `tag-${i % 50}`, userClaim: `viewer-${i % 5000}`, createdByEmail: "bench@seed", createdVia: "api", createdAt: issuedAt,
      ...(isRevoked ? { revokedAt: new Date(now - 1_000), revokedReason: "revoked" } : {}),
    });
  }
  await insertTokens(rows);
  return out;
}

async function main() {
  const started = Date.now();
  const config = getConfig();
  await migrateDatabase(config.databaseUrl);
  if ((await db.organisation.count()) > 0) throw new Error("bench database is not empty; delete bench/data to reseed");
  const big = await seedOrg("Bench Big Org", SCALE.users, SCALE.streams);
  const small = await seedOrg("Bench Small Org", SCALE.small, SCALE.small);
  const real = await seedTokens(big.orgId, big.groups, SCALE.tokens, SCALE.revoked, SCALE.realTokens);
  await seedTokens(small.orgId, small.groups, SCALE.small, SCALE.small / 2, 2);
  const info: SeedInfo = {
    version: 1,
    big: { orgId: big.orgId, admin: big.admin, masterKey: big.masterKey, groupIds: big.groups.map((g) => g.id) },
    small: { orgId: small.orgId, admin: small.admin },
    real,
  };
  writeFileSync(SEED_FILE, JSON.stringify(info));
  const counts = { users: await db.user.count(), streams: await db.stream.count(), tokens: await db.playbackToken.count(), revoked: await db.playbackToken.count({ where: { revokedAt: { not: null } } }) };
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  await disconnectDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
