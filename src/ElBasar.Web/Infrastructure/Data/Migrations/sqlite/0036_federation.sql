-- elBasar 0036: between installations (Features/Federation).
-- "feed_changes" is the open feed's change log: every insert, update and delete of a listing, an
-- organisation, a lending item or an event adds a row, from triggers, in the transaction that made
-- the change. Its autoincrement "seq" is the feed's cursor: SQLite has one writer at a time, so a
-- row with a higher seq never commits before one with a lower seq. ("tx" is 0 here; PostgreSQL
-- fills it with the writing transaction's id, see the PostgreSQL script.) The log is seeded with
-- what exists already, so a feed read from the start holds everything.
-- "feed_marks" remembers up to when listings that expired by the clock were logged.
-- "partner_keys" are the keys partner installations send to read partner-only content (hashed).
-- "partner_installations" are the feeds this site subscribes to; "remote_listings" what they hold.

CREATE TABLE "feed_changes" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tx" INTEGER NOT NULL DEFAULT 0,
    "kind" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL
);

CREATE INDEX "ix_feed_changes_kind_tx_seq" ON "feed_changes" ("kind", "tx", "seq");

CREATE TABLE "feed_marks" (
    "name" TEXT NOT NULL CONSTRAINT "pk_feed_marks" PRIMARY KEY,
    "at" TEXT NULL
);

INSERT INTO "feed_marks" ("name", "at") VALUES ('expiry', NULL);

INSERT INTO "feed_changes" ("kind", "entity_id") SELECT 'organization', "id" FROM "organizations" ORDER BY "created_at", "id";
INSERT INTO "feed_changes" ("kind", "entity_id") SELECT 'listing', "id" FROM "listings" ORDER BY "created_at", "id";
INSERT INTO "feed_changes" ("kind", "entity_id") SELECT 'item', "id" FROM "lending_items" ORDER BY "created_at", "id";
INSERT INTO "feed_changes" ("kind", "entity_id") SELECT 'event', "id" FROM "events" ORDER BY "created_at", "id";

CREATE TRIGGER "feed_listing_insert" AFTER INSERT ON "listings" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('listing', new."id");
END;

CREATE TRIGGER "feed_listing_update" AFTER UPDATE ON "listings" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('listing', new."id");
    INSERT INTO "feed_changes" ("kind", "entity_id") SELECT 'item', "id" FROM "lending_items" WHERE "listing_id" = new."id";
END;

CREATE TRIGGER "feed_listing_delete" AFTER DELETE ON "listings" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('listing', old."id");
END;

CREATE TRIGGER "feed_listing_mode_insert" AFTER INSERT ON "listing_exchange_modes" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('listing', new."listing_id");
END;

CREATE TRIGGER "feed_listing_mode_delete" AFTER DELETE ON "listing_exchange_modes" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('listing', old."listing_id");
END;

CREATE TRIGGER "feed_organization_insert" AFTER INSERT ON "organizations" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('organization', new."id");
END;

-- A listing carries its organisation's name, and leaves the feed with a hidden organisation.
CREATE TRIGGER "feed_organization_update" AFTER UPDATE ON "organizations" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('organization', new."id");
    INSERT INTO "feed_changes" ("kind", "entity_id")
        SELECT 'listing', "id" FROM "listings"
        WHERE "organization_id" = new."id" AND (old."status" IS NOT new."status" OR old."name" IS NOT new."name");
END;

CREATE TRIGGER "feed_organization_delete" AFTER DELETE ON "organizations" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('organization', old."id");
END;

CREATE TRIGGER "feed_item_insert" AFTER INSERT ON "lending_items" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('item', new."id");
END;

CREATE TRIGGER "feed_item_update" AFTER UPDATE ON "lending_items" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('item', new."id");
END;

CREATE TRIGGER "feed_item_delete" AFTER DELETE ON "lending_items" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('item', old."id");
END;

CREATE TRIGGER "feed_event_insert" AFTER INSERT ON "events" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('event', new."id");
END;

-- Registrations bump "seats_version" only: that is no change of the event's public record.
CREATE TRIGGER "feed_event_update" AFTER UPDATE ON "events"
WHEN old."title" IS NOT new."title" OR old."kind" IS NOT new."kind" OR old."description" IS NOT new."description"
    OR old."starts_at" IS NOT new."starts_at" OR old."ends_at" IS NOT new."ends_at" OR old."place" IS NOT new."place"
    OR old."latitude" IS NOT new."latitude" OR old."longitude" IS NOT new."longitude" OR old."capacity" IS NOT new."capacity"
    OR old."audience" IS NOT new."audience" OR old."updated_at" IS NOT new."updated_at" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('event', new."id");
END;

CREATE TRIGGER "feed_event_delete" AFTER DELETE ON "events" BEGIN
    INSERT INTO "feed_changes" ("kind", "entity_id") VALUES ('event', old."id");
END;

CREATE TABLE "partner_keys" (
    "id" TEXT NOT NULL CONSTRAINT "pk_partner_keys" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_used_at" TEXT NULL
);

CREATE UNIQUE INDEX "ix_partner_keys_key_hash" ON "partner_keys" ("key_hash");

CREATE TABLE "partner_installations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_partner_installations" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "api_key" TEXT NULL,
    "cursor" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "next_sync_at" TEXT NOT NULL,
    "claimed_until" TEXT NULL,
    "last_success_at" TEXT NULL,
    "last_error" TEXT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX "ix_partner_installations_base_url" ON "partner_installations" ("base_url");

CREATE TABLE "remote_listings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_remote_listings" PRIMARY KEY,
    "partner_id" TEXT NOT NULL,
    "remote_id" TEXT NOT NULL,
    "remote_url" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NULL,
    "category" TEXT NOT NULL,
    "modes" TEXT NOT NULL,
    "price" TEXT NULL,
    "commune_insee" TEXT NULL,
    "commune" TEXT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "organization_name" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NULL,
    "received_at" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    CONSTRAINT "fk_remote_listings_partner_id" FOREIGN KEY ("partner_id") REFERENCES "partner_installations" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_remote_listings_partner_id_remote_id" ON "remote_listings" ("partner_id", "remote_id");
CREATE INDEX "ix_remote_listings_created_at" ON "remote_listings" ("created_at");
