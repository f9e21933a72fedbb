-- OvenMediaEngine's AdmissionWebhooks secret per organisation (issue 17 §2): a nonce the secret
-- is derived from with the app secret, and when it was made.
-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "omeSecretCreatedAt" TIMESTAMP(3),
ADD COLUMN     "omeSecretNonce" TEXT;
