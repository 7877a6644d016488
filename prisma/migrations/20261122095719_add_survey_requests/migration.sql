-- CreateEnum
CREATE TYPE "SurveyRequestState" AS ENUM ('SENT', 'ANSWERED', 'EXPIRED', 'CANCELLED');

-- CreateTable
CREATE TABLE "SurveyRequest" (
    "id" UUID NOT NULL,
    "surveyKey" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "channel" "ChatChannel" NOT NULL,
    "destination" TEXT NOT NULL,
    "state" "SurveyRequestState" NOT NULL DEFAULT 'SENT',
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "remindedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),
    "score" DOUBLE PRECISION,
    "comment" TEXT,
    "feedbackItemId" UUID,
    "messageRef" TEXT,
    "messageChannel" TEXT,
    "sentById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SurveyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRequest_feedbackItemId_key" ON "SurveyRequest"("feedbackItemId");

-- CreateIndex
CREATE INDEX "SurveyRequest_contactId_sentAt_idx" ON "SurveyRequest"("contactId", "sentAt");

-- CreateIndex
CREATE INDEX "SurveyRequest_state_expiresAt_idx" ON "SurveyRequest"("state", "expiresAt");

-- CreateIndex
CREATE INDEX "SurveyRequest_accountId_sentAt_idx" ON "SurveyRequest"("accountId", "sentAt");
