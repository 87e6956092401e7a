-- elBasar 0038: saved-search alerts about the partner installations' listings (Features/Alerts).
-- Triggers queue every remote listing the federation sync inserts or refreshes in
-- "alert_remote_queue", which the alert worker empties; "saved_search_remote_matches" records each
-- remote listing once per search, by its partner and its id there, so a listing withdrawn and
-- published again at the source is not sent twice.

CREATE TABLE "alert_remote_queue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "remote_listing_id" TEXT NOT NULL
);

-- Nothing is queued while nobody has saved a search.
CREATE TRIGGER "alerts_remote_listing_insert" AFTER INSERT ON "remote_listings"
WHEN EXISTS (SELECT 1 FROM "saved_searches") BEGIN
    INSERT INTO "alert_remote_queue" ("remote_listing_id") VALUES (new."id");
END;

CREATE TRIGGER "alerts_remote_listing_update" AFTER UPDATE ON "remote_listings"
WHEN EXISTS (SELECT 1 FROM "saved_searches") BEGIN
    INSERT INTO "alert_remote_queue" ("remote_listing_id") VALUES (new."id");
END;

CREATE TABLE "saved_search_remote_matches" (
    "saved_search_id" TEXT NOT NULL,
    "partner_id" TEXT NOT NULL,
    "remote_id" TEXT NOT NULL,
    "matched_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    CONSTRAINT "pk_saved_search_remote_matches" PRIMARY KEY ("saved_search_id", "partner_id", "remote_id"),
    CONSTRAINT "fk_saved_search_remote_matches_saved_search_id" FOREIGN KEY ("saved_search_id") REFERENCES "saved_searches" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_saved_search_remote_matches_partner_id" FOREIGN KEY ("partner_id") REFERENCES "partner_installations" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_saved_search_remote_matches_partner_id_remote_id" ON "saved_search_remote_matches" ("partner_id", "remote_id");

CREATE INDEX "ix_saved_search_remote_matches_sent_at" ON "saved_search_remote_matches" ("saved_search_id") WHERE "sent_at" IS NULL;
