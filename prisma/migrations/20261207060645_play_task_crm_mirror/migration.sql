-- AlterTable
ALTER TABLE "PlayTask" ADD COLUMN     "crmClosedAt" TIMESTAMPTZ(3),
ADD COLUMN     "mirrorsStepIndex" INTEGER;
