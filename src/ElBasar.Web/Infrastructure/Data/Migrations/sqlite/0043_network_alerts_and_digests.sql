-- elBasar 0043: saved searches belong to the network they were saved in (Features/Alerts): they
-- alert about what search in that network shows their owner. Those saved before belong to the
-- home network, the only one they could be saved in.

ALTER TABLE "saved_searches" ADD COLUMN "network_id" TEXT NULL REFERENCES "networks" ("id") ON DELETE CASCADE;
UPDATE "saved_searches" SET "network_id" = (SELECT "id" FROM "networks" WHERE "is_home" = 1) WHERE "network_id" IS NULL;
CREATE INDEX "ix_saved_searches_network_id" ON "saved_searches" ("network_id");
