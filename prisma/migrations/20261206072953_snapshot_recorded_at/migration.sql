-- AlterTable
ALTER TABLE "HealthSnapshot" ADD COLUMN     "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Snapshots written before this migration: their write time is unknown, their as-of time is the best guess.
UPDATE "HealthSnapshot" SET "recordedAt" = "computedAt";
