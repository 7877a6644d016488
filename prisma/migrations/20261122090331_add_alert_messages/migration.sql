-- CreateEnum
CREATE TYPE "AlertMessageState" AS ENUM ('PENDING', 'SENDING', 'SENT', 'ROLLED_UP', 'FAILED');

-- CreateTable
CREATE TABLE "AlertMessage" (
    "id" UUID NOT NULL,
    "alertId" UUID NOT NULL,
    "channel" "ChatChannel" NOT NULL,
    "destination" TEXT NOT NULL,
    "state" "AlertMessageState" NOT NULL DEFAULT 'PENDING',
    "deliverAfter" TIMESTAMPTZ(3) NOT NULL,
    "messageRef" TEXT,
    "messageChannel" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertMessage_state_deliverAfter_idx" ON "AlertMessage"("state", "deliverAfter");

-- CreateIndex
CREATE INDEX "AlertMessage_channel_destination_sentAt_idx" ON "AlertMessage"("channel", "destination", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertMessage_alertId_channel_destination_key" ON "AlertMessage"("alertId", "channel", "destination");

-- AddForeignKey
ALTER TABLE "AlertMessage" ADD CONSTRAINT "AlertMessage_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
