-- CreateTable
CREATE TABLE "TokenUsage" (
    "jti" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "ipsNotStored" INTEGER NOT NULL DEFAULT 0,
    "originsNotStored" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TokenUsage_pkey" PRIMARY KEY ("jti")
);

-- CreateTable
CREATE TABLE "TokenUsageOutcome" (
    "jti" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TokenUsageOutcome_pkey" PRIMARY KEY ("jti","outcome")
);

-- CreateTable
CREATE TABLE "TokenSighting" (
    "jti" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "checks" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TokenSighting_pkey" PRIMARY KEY ("jti","kind","value")
);

-- CreateTable
CREATE TABLE "StreamUsageMinute" (
    "streamId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "orgId" TEXT NOT NULL,
    "allowed" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StreamUsageMinute_pkey" PRIMARY KEY ("streamId","minute")
);

-- CreateIndex
CREATE INDEX "TokenUsage_orgId_lastSeenAt_idx" ON "TokenUsage"("orgId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "TokenUsage_lastSeenAt_idx" ON "TokenUsage"("lastSeenAt");

-- CreateIndex
CREATE INDEX "TokenSighting_lastSeenAt_idx" ON "TokenSighting"("lastSeenAt");

-- CreateIndex
CREATE INDEX "StreamUsageMinute_orgId_minute_idx" ON "StreamUsageMinute"("orgId", "minute");

-- CreateIndex
CREATE INDEX "StreamUsageMinute_minute_idx" ON "StreamUsageMinute"("minute");
