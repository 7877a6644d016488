-- CreateEnum
CREATE TYPE "PlayRunState" AS ENUM ('OPEN', 'COMPLETED', 'SUCCEEDED', 'ABANDONED');

-- CreateEnum
CREATE TYPE "PlayTaskState" AS ENUM ('OPEN', 'AWAITING_APPROVAL', 'DONE', 'SKIPPED', 'FAILED', 'HELD_OUT');

-- CreateTable
CREATE TABLE "PlayRun" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "playId" TEXT NOT NULL,
    "playVersion" INTEGER NOT NULL,
    "openKey" TEXT,
    "state" "PlayRunState" NOT NULL DEFAULT 'OPEN',
    "ownerId" UUID,
    "startedBy" TEXT NOT NULL,
    "startedById" UUID,
    "alertId" UUID,
    "holdout" BOOLEAN NOT NULL DEFAULT false,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "closeNote" TEXT,

    CONSTRAINT "PlayRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlayTask" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "action" TEXT,
    "message" TEXT,
    "survey" TEXT,
    "assigneeId" UUID,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "state" "PlayTaskState" NOT NULL DEFAULT 'OPEN',
    "snoozedUntil" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "doneById" UUID,
    "skipReason" TEXT,
    "remindedAt" TIMESTAMPTZ(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" TIMESTAMPTZ(3),
    "crmRef" TEXT,
    "lastError" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PlayTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlayEvent" (
    "id" BIGSERIAL NOT NULL,
    "runId" UUID NOT NULL,
    "taskId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" UUID,
    "kind" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "PlayEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlayRun_openKey_key" ON "PlayRun"("openKey");

-- CreateIndex
CREATE INDEX "PlayRun_accountId_state_idx" ON "PlayRun"("accountId", "state");

-- CreateIndex
CREATE INDEX "PlayRun_playId_state_idx" ON "PlayRun"("playId", "state");

-- CreateIndex
CREATE INDEX "PlayTask_assigneeId_state_dueAt_idx" ON "PlayTask"("assigneeId", "state", "dueAt");

-- CreateIndex
CREATE INDEX "PlayTask_state_dueAt_idx" ON "PlayTask"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "PlayTask_runId_stepIndex_key" ON "PlayTask"("runId", "stepIndex");

-- CreateIndex
CREATE INDEX "PlayEvent_runId_at_idx" ON "PlayEvent"("runId", "at");

-- AddForeignKey
ALTER TABLE "PlayRun" ADD CONSTRAINT "PlayRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlayRun" ADD CONSTRAINT "PlayRun_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlayTask" ADD CONSTRAINT "PlayTask_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PlayRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlayTask" ADD CONSTRAINT "PlayTask_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlayEvent" ADD CONSTRAINT "PlayEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PlayRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
