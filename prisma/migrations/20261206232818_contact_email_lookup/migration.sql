-- CreateIndex
CREATE INDEX "Contact_email_idx" ON "Contact"("email");

-- Emails are kept lower-cased from now on (contacts.ts), and existing rows follow.
UPDATE "Contact" SET "email" = lower("email") WHERE "email" <> lower("email");
