-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Webhook" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL DEFAULT '',
    "events" TEXT NOT NULL DEFAULT '[]',
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "secretNonce" TEXT NOT NULL,
    "secretMasked" TEXT NOT NULL,
    "blockingUrl" TEXT NOT NULL DEFAULT '',
    "blockingFailOpen" BOOLEAN NOT NULL DEFAULT false,
    "blockingTimeoutMs" INTEGER NOT NULL DEFAULT 2000,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Webhook_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Webhook" ("enabled", "events", "orgId", "secretMasked", "secretNonce", "updatedAt", "url") SELECT "enabled", "events", "orgId", "secretMasked", "secretNonce", "updatedAt", "url" FROM "Webhook";
DROP TABLE "Webhook";
ALTER TABLE "new_Webhook" RENAME TO "Webhook";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
