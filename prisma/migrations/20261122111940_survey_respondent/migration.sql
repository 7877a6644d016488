-- Who may answer a survey is now stored apart from where it was posted (a shared Slack channel,
-- or a Teams chat answered by the person's AAD object id).
ALTER TABLE "SurveyRequest" ADD COLUMN "definition" JSONB,
ADD COLUMN "respondent" TEXT;

-- Surveys already sent went to the contact's DM (Slack user id) or 1:1 chat (Teams).
UPDATE "SurveyRequest" r
SET "respondent" = COALESCE(CASE WHEN r.channel = 'TEAMS' THEN c."teamsAadObjectId" END, r.destination)
FROM "Contact" c
WHERE c.id = r."contactId";
UPDATE "SurveyRequest" SET "respondent" = destination WHERE "respondent" IS NULL;

ALTER TABLE "SurveyRequest" ALTER COLUMN "respondent" SET NOT NULL;
