-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "blockingFailOpen" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "blockingTimeoutMs" INTEGER NOT NULL DEFAULT 2000,
ADD COLUMN     "blockingUrl" TEXT NOT NULL DEFAULT '';
