-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "misuseMaxAddresses" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "misuseMaxViewers" INTEGER NOT NULL DEFAULT 2;

-- CreateTable
CREATE TABLE "TokenFlag" (
    "jti" TEXT NOT NULL,
    "signal" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenFlag_pkey" PRIMARY KEY ("jti","signal")
);

-- CreateIndex
CREATE INDEX "TokenFlag_orgId_raisedAt_idx" ON "TokenFlag"("orgId", "raisedAt");
