-- CreateTable
CREATE TABLE "RecomputeRequest" (
    "accountId" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMPTZ(3),
    "again" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "RecomputeRequest_pkey" PRIMARY KEY ("accountId")
);

-- CreateIndex
CREATE INDEX "RecomputeRequest_requestedAt_idx" ON "RecomputeRequest"("requestedAt");

-- AddForeignKey
ALTER TABLE "RecomputeRequest" ADD CONSTRAINT "RecomputeRequest_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
