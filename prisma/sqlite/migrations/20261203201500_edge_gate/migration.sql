-- The edge gate (issue 17): which streams need a token, ingest keys, short token references.
-- AlterTable
ALTER TABLE "Stream" ADD COLUMN "requiresToken" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "StreamRendition" ADD COLUMN "ingestKeyHash" TEXT;
ALTER TABLE "StreamRendition" ADD COLUMN "ingestKeyHint" TEXT;
ALTER TABLE "StreamRendition" ADD COLUMN "ingestKeyCreatedAt" DATETIME;

-- AlterTable
ALTER TABLE "PlaybackToken" ADD COLUMN "ref" TEXT;

-- Every existing token gets its short reference: 128 random bits.
UPDATE "PlaybackToken" SET "ref" = 'pgr_' || lower(hex(randomblob(16))) WHERE "ref" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "StreamRendition_ingestKeyHash_key" ON "StreamRendition"("ingestKeyHash");

-- CreateIndex
CREATE UNIQUE INDEX "PlaybackToken_ref_key" ON "PlaybackToken"("ref");
