-- AlterTable
ALTER TABLE "HealthSnapshot" ALTER COLUMN "overall" DROP NOT NULL;
