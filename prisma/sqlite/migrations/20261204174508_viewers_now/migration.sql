-- "Viewers now" (issue 17 §2): hook plays without their play_done on the stream, and the
-- (token, address) pairs the HTTP edge check allowed, with when they were last seen.
-- CreateTable
CREATE TABLE "ViewerSighting" (
    "streamId" TEXT NOT NULL,
    "viewerKey" TEXT NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,

    PRIMARY KEY ("streamId", "viewerKey"),
    CONSTRAINT "ViewerSighting_streamId_fkey" FOREIGN KEY ("streamId") REFERENCES "Stream" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Stream" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'idle',
    "requiresToken" BOOLEAN NOT NULL DEFAULT true,
    "openPlays" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Stream_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Stream" ("createdAt", "id", "name", "orgId", "requiresToken", "state", "updatedAt") SELECT "createdAt", "id", "name", "orgId", "requiresToken", "state", "updatedAt" FROM "Stream";
DROP TABLE "Stream";
ALTER TABLE "new_Stream" RENAME TO "Stream";
CREATE INDEX "Stream_orgId_createdAt_id_idx" ON "Stream"("orgId", "createdAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ViewerSighting_streamId_lastSeenAt_idx" ON "ViewerSighting"("streamId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "ViewerSighting_lastSeenAt_idx" ON "ViewerSighting"("lastSeenAt");
