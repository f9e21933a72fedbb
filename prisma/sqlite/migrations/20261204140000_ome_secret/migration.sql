-- OvenMediaEngine's AdmissionWebhooks secret per organisation (issue 17 §2): a nonce the secret
-- is derived from with the app secret, and when it was made.
-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "omeSecretCreatedAt" DATETIME;
ALTER TABLE "Organisation" ADD COLUMN "omeSecretNonce" TEXT;
