-- elBasar 0043: saved searches belong to the network they were saved in (Features/Alerts): they
-- alert about what search in that network shows their owner. Those saved before belong to the
-- home network, the only one they could be saved in.

ALTER TABLE "saved_searches" ADD COLUMN "network_id" TEXT NULL REFERENCES "networks" ("id") ON DELETE CASCADE;
UPDATE "saved_searches" SET "network_id" = (SELECT "id" FROM "networks" WHERE "is_home" = 1) WHERE "network_id" IS NULL;
CREATE INDEX "ix_saved_searches_network_id" ON "saved_searches" ("network_id");

-- Each network has its own monthly digest (Features/Newsletter): an issue and a subscriber belong
-- to one network; one issue per network and month, one subscriber row per network and address.
-- The issues and subscribers of before are the home network's.

ALTER TABLE "newsletter_subscribers" ADD COLUMN "network_id" TEXT NULL REFERENCES "networks" ("id") ON DELETE CASCADE;
UPDATE "newsletter_subscribers" SET "network_id" = (SELECT "id" FROM "networks" WHERE "is_home" = 1) WHERE "network_id" IS NULL;
DROP INDEX "ix_newsletter_subscribers_email";
DROP INDEX "ix_newsletter_subscribers_user_id";
CREATE UNIQUE INDEX "ix_newsletter_subscribers_network_id_email" ON "newsletter_subscribers" ("network_id", "email");
CREATE UNIQUE INDEX "ix_newsletter_subscribers_network_id_user_id" ON "newsletter_subscribers" ("network_id", "user_id");
CREATE INDEX "ix_newsletter_subscribers_user_id" ON "newsletter_subscribers" ("user_id");

ALTER TABLE "newsletter_issues" ADD COLUMN "network_id" TEXT NULL REFERENCES "networks" ("id") ON DELETE CASCADE;
UPDATE "newsletter_issues" SET "network_id" = (SELECT "id" FROM "networks" WHERE "is_home" = 1) WHERE "network_id" IS NULL;
DROP INDEX "ix_newsletter_issues_month";
CREATE UNIQUE INDEX "ix_newsletter_issues_network_id_month" ON "newsletter_issues" ("network_id", "month");
