-- CreateTable
CREATE TABLE "TokenFlag" (
    "jti" TEXT NOT NULL,
    "signal" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("jti", "signal")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "supportLevel" TEXT NOT NULL DEFAULT 'Basic',
    "analyticsLevel" TEXT NOT NULL DEFAULT 'Basic',
    "packages" TEXT NOT NULL DEFAULT '[]',
    "vodPublic" BOOLEAN NOT NULL DEFAULT false,
    "misuseMaxAddresses" INTEGER NOT NULL DEFAULT 3,
    "misuseMaxViewers" INTEGER NOT NULL DEFAULT 2,
    "playerKey" TEXT NOT NULL,
    "omeSecretNonce" TEXT,
    "omeSecretCreatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("analyticsLevel", "createdAt", "id", "name", "omeSecretCreatedAt", "omeSecretNonce", "packages", "playerKey", "supportLevel", "updatedAt", "vodPublic") SELECT "analyticsLevel", "createdAt", "id", "name", "omeSecretCreatedAt", "omeSecretNonce", "packages", "playerKey", "supportLevel", "updatedAt", "vodPublic" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_playerKey_key" ON "Organisation"("playerKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TokenFlag_orgId_raisedAt_idx" ON "TokenFlag"("orgId", "raisedAt");
