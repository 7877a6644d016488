-- CreateEnum
CREATE TYPE "OutcomeKind" AS ENUM ('RENEWED', 'EXPANDED', 'CONTRACTED', 'CHURNED');

-- CreateTable
CREATE TABLE "RenewalOutcome" (
    "id" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "kind" "OutcomeKind" NOT NULL,
    "occurredOn" DATE NOT NULL,
    "arrBefore" DECIMAL(14,2),
    "arrAfter" DECIMAL(14,2),
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RenewalOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RenewalOutcome_externalId_key" ON "RenewalOutcome"("externalId");

-- CreateIndex
CREATE INDEX "RenewalOutcome_occurredOn_idx" ON "RenewalOutcome"("occurredOn");

-- CreateIndex
CREATE INDEX "RenewalOutcome_accountId_occurredOn_idx" ON "RenewalOutcome"("accountId", "occurredOn");

-- AddForeignKey
ALTER TABLE "RenewalOutcome" ADD CONSTRAINT "RenewalOutcome_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
