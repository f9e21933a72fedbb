-- "Viewers now" (issue 17 §2): hook plays without their play_done on the stream, and the
-- (token, address) pairs the HTTP edge check allowed, with when they were last seen.
-- AlterTable
ALTER TABLE "Stream" ADD COLUMN     "openPlays" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ViewerSighting" (
    "streamId" TEXT NOT NULL,
    "viewerKey" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ViewerSighting_pkey" PRIMARY KEY ("streamId","viewerKey")
);

-- CreateIndex
CREATE INDEX "ViewerSighting_streamId_lastSeenAt_idx" ON "ViewerSighting"("streamId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "ViewerSighting_lastSeenAt_idx" ON "ViewerSighting"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "ViewerSighting" ADD CONSTRAINT "ViewerSighting_streamId_fkey" FOREIGN KEY ("streamId") REFERENCES "Stream"("id") ON DELETE CASCADE ON UPDATE CASCADE;
