-- AlterEnum
ALTER TYPE "AlertMessageState" ADD VALUE 'DIGEST';

-- CreateTable
CREATE TABLE "AttentionMessage" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "items" INTEGER NOT NULL DEFAULT 1,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AttentionMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttentionNotice" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "taskId" UUID NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "AttentionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AttentionMessage_userId_sentAt_idx" ON "AttentionMessage"("userId", "sentAt");

-- CreateIndex
CREATE INDEX "AttentionNotice_userId_deliveredAt_idx" ON "AttentionNotice"("userId", "deliveredAt");

-- CreateIndex
CREATE UNIQUE INDEX "AttentionNotice_userId_kind_taskId_level_key" ON "AttentionNotice"("userId", "kind", "taskId", "level");

-- AddForeignKey
ALTER TABLE "AttentionMessage" ADD CONSTRAINT "AttentionMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttentionNotice" ADD CONSTRAINT "AttentionNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttentionNotice" ADD CONSTRAINT "AttentionNotice_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "PlayTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;
