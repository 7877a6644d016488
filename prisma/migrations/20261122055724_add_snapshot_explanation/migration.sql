-- DropIndex
DROP INDEX "MetricObservation_createdAt_idx";

-- AlterTable
ALTER TABLE "HealthSnapshot" ADD COLUMN     "explanation" JSONB NOT NULL,
ADD COLUMN     "signals" JSONB NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE INDEX "MetricObservation_accountId_createdAt_idx" ON "MetricObservation"("accountId", "createdAt");
