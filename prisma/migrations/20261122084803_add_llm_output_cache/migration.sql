-- CreateTable
CREATE TABLE "LlmOutput" (
    "key" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LlmOutput_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "LlmOutput_createdAt_idx" ON "LlmOutput"("createdAt");
