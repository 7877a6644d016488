-- AlterTable
ALTER TABLE "AnswerFeedback" ADD COLUMN     "comment" TEXT;

-- DropTable
DROP TABLE "AssistantThread";

-- CreateTable
CREATE TABLE "AnsweredMessage" (
    "conversationKey" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnsweredMessage_pkey" PRIMARY KEY ("conversationKey","messageId")
);

-- CreateIndex
CREATE INDEX "AnsweredMessage_createdAt_idx" ON "AnsweredMessage"("createdAt");
