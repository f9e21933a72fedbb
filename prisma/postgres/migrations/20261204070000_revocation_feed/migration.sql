-- The revocation feed for offline verifiers (issue 17 §2): an append-only list per organisation.
-- CreateTable
CREATE TABLE "Revocation" (
    "seq" SERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "jti" TEXT,
    "kid" TEXT,
    "exp" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Revocation_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "Revocation_orgId_seq_idx" ON "Revocation"("orgId", "seq");

-- Backfill: what was revoked before the feed existed, in the order it was revoked. A token
-- revoked with its key (reason key_revoked) is covered by that key's row, as later revocations.
-- A key's exp is the latest expiry of a token it signed: past it, no token of the key verifies.
INSERT INTO "Revocation" ("orgId", "kind", "jti", "kid", "exp", "createdAt")
SELECT r."orgId", r."kind", r."jti", r."kid", r."exp", r."createdAt" FROM (
  SELECT t."orgId", 'token' AS "kind", t."jti", NULL AS "kid", t."expiresAt" AS "exp", t."revokedAt" AS "createdAt"
  FROM "PlaybackToken" t
  WHERE t."revokedAt" IS NOT NULL AND (t."revokedReason" IS NULL OR t."revokedReason" <> 'key_revoked')
  UNION ALL
  SELECT k."orgId", 'key' AS "kind", NULL AS "jti", k."kid", (SELECT MAX(s."expiresAt") FROM "PlaybackToken" s WHERE s."kid" = k."kid") AS "exp", COALESCE(k."revokedAt", k."createdAt") AS "createdAt"
  FROM "SigningKey" k
  WHERE k."status" = 'revoked'
) r
ORDER BY r."createdAt", r."kind", r."jti", r."kid";
