-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "alertsSnoozedUntil" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ProcessedDelivery" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedDelivery_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ProcessedDelivery_receivedAt_idx" ON "ProcessedDelivery"("receivedAt");
