-- CreateTable
CREATE TABLE "AssistantThread" (
    "key" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "context" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AssistantThread_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AnswerFeedback" (
    "id" UUID NOT NULL,
    "intent" TEXT NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "voter" TEXT NOT NULL,
    "messageTs" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnswerFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnswerFeedback_createdAt_idx" ON "AnswerFeedback"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerFeedback_voter_channel_messageTs_key" ON "AnswerFeedback"("voter", "channel", "messageTs");
