-- The edge gate (issue 17): which streams need a token, ingest keys, short token references.
-- AlterTable
ALTER TABLE "Stream" ADD COLUMN     "requiresToken" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "StreamRendition" ADD COLUMN     "ingestKeyCreatedAt" TIMESTAMP(3),
ADD COLUMN     "ingestKeyHash" TEXT,
ADD COLUMN     "ingestKeyHint" TEXT;

-- AlterTable
ALTER TABLE "PlaybackToken" ADD COLUMN     "ref" TEXT;

-- Every existing token gets its short reference: 128 bits from two strong random UUIDs.
UPDATE "PlaybackToken" SET "ref" = 'pgr_' || md5(gen_random_uuid()::text || gen_random_uuid()::text) WHERE "ref" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "StreamRendition_ingestKeyHash_key" ON "StreamRendition"("ingestKeyHash");

-- CreateIndex
CREATE UNIQUE INDEX "PlaybackToken_ref_key" ON "PlaybackToken"("ref");
