-- CreateTable
CREATE TABLE "SupportTicket" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "priority" TEXT,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "solvedAt" TIMESTAMPTZ(3),
    "satisfaction" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SupportTicket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupportTicket_accountId_openedAt_idx" ON "SupportTicket"("accountId", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SupportTicket_sourceId_externalId_key" ON "SupportTicket"("sourceId", "externalId");

-- AddForeignKey
ALTER TABLE "SupportTicket" ADD CONSTRAINT "SupportTicket_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
