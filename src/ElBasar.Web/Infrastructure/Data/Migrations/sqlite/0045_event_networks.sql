-- elBasar 0045: an event belongs to one network, the one it was announced in (Features/Events), so
-- that a network's calendar shows its own events and those its partners share with it. Events
-- announced before belong to the home network. SQLite adds a column with a foreign key only as
-- nullable; every event gets its network below and every new one is written with it.

ALTER TABLE "events" ADD COLUMN "network_id" TEXT NULL REFERENCES "networks" ("id") ON DELETE RESTRICT;
UPDATE "events" SET "network_id" = (SELECT "id" FROM "networks" WHERE "is_home" = 1);
CREATE INDEX "ix_events_network_id" ON "events" ("network_id");
