-- AlterTable
ALTER TABLE "ConversationMemory" ADD COLUMN     "frame" JSONB;
