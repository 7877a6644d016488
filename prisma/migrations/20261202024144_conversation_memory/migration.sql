-- CreateTable
CREATE TABLE "ConversationMemory" (
    "key" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "subjects" TEXT[],
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationMemory_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ConversationMemory_expiresAt_idx" ON "ConversationMemory"("expiresAt");
