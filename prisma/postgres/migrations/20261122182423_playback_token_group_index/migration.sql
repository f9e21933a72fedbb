-- CreateIndex
CREATE INDEX "PlaybackToken_orgId_groupId_createdAt_idx" ON "PlaybackToken"("orgId", "groupId", "createdAt");
