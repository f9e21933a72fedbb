-- Data only: tokens signed by a key that was already revoked (another instance's cached key,
-- before signing re-checked the key) were written unrevoked. Mark them as the key's revocation
-- marked its other tokens.
UPDATE "PlaybackToken"
SET "revokedAt" = (SELECT k."revokedAt" FROM "SigningKey" k WHERE k."kid" = "PlaybackToken"."kid"),
    "revokedReason" = 'key_revoked'
WHERE "revokedAt" IS NULL
  AND "kid" IN (SELECT "kid" FROM "SigningKey" WHERE "status" = 'revoked' AND "revokedAt" IS NOT NULL);
