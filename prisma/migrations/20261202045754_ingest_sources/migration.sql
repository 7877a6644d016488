-- CreateTable
CREATE TABLE "Source" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "mapping" JSONB,
    "cursor" JSONB,
    "staleAfterHours" INTEGER NOT NULL DEFAULT 26,
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMPTZ(3),
    "authFailures" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceApiKey" (
    "id" TEXT NOT NULL,
    "sourceId" UUID NOT NULL,
    "secretHash" TEXT NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SourceApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestBatch" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "idempotencyKey" TEXT,
    "kind" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IngestBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestRateWindow" (
    "keyId" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "IngestRateWindow_pkey" PRIMARY KEY ("keyId","windowStart")
);

-- CreateTable
CREATE TABLE "AccountFreshness" (
    "accountId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "lastArrivedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AccountFreshness_pkey" PRIMARY KEY ("accountId","source")
);

-- CreateTable
CREATE TABLE "ProductEvent" (
    "id" BIGSERIAL NOT NULL,
    "sourceId" UUID NOT NULL,
    "messageId" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProductEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductUser" (
    "sourceId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "accountId" UUID,
    "email" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProductUser_pkey" PRIMARY KEY ("sourceId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_name_key" ON "Source"("name");

-- CreateIndex
CREATE INDEX "SourceApiKey_sourceId_idx" ON "SourceApiKey"("sourceId");

-- CreateIndex
CREATE INDEX "IngestBatch_sourceId_createdAt_idx" ON "IngestBatch"("sourceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IngestBatch_sourceId_idempotencyKey_key" ON "IngestBatch"("sourceId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ProductEvent_accountId_occurredAt_idx" ON "ProductEvent"("accountId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProductEvent_sourceId_messageId_key" ON "ProductEvent"("sourceId", "messageId");

-- AddForeignKey
ALTER TABLE "SourceApiKey" ADD CONSTRAINT "SourceApiKey_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngestBatch" ADD CONSTRAINT "IngestBatch_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountFreshness" ADD CONSTRAINT "AccountFreshness_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductEvent" ADD CONSTRAINT "ProductEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
