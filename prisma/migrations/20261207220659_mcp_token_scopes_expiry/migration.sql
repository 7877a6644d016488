-- AlterTable
ALTER TABLE "McpToken" ADD COLUMN     "expiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY['tend:read', 'tend:write']::TEXT[];

-- Tokens made before expiry existed would otherwise never end: they run 90 days from this migration,
-- as a new token does from its creation.
UPDATE "McpToken" SET "expiresAt" = CURRENT_TIMESTAMP + INTERVAL '90 days' WHERE "revokedAt" IS NULL;
