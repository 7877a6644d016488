-- AlterTable
ALTER TABLE "QbrDraft" ADD COLUMN     "wording" JSONB;
