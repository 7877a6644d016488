-- CreateTable
CREATE TABLE "ScoringFailure" (
    "accountId" UUID NOT NULL,
    "error" TEXT NOT NULL,
    "failedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScoringFailure_pkey" PRIMARY KEY ("accountId")
);

-- AddForeignKey
ALTER TABLE "ScoringFailure" ADD CONSTRAINT "ScoringFailure_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
