-- elBasar 0017: saved searches and alerts (Features/Alerts). A saved search keeps its query as
-- typed and as analysed; "saved_search_keys" indexes the live ones by the words (or, without
-- words, the filter) a listing must have, so a new listing finds its saved searches by probing
-- that index instead of running each search. Triggers queue every listing that becomes visible
-- (published, re-published, visibility or expiry changed, edited) in "alert_listing_queue",
-- which the alert worker empties; "saved_search_matches" records each listing once per search.

CREATE TABLE "saved_searches" (
    "id" TEXT NOT NULL CONSTRAINT "pk_saved_searches" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query_json" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "paused" INTEGER NOT NULL,
    "analysis" TEXT NOT NULL,
    "kind" TEXT NULL,
    "categories" TEXT NOT NULL,
    "modes" TEXT NOT NULL,
    "market" INTEGER NULL,
    "territory" TEXT NULL,
    "commune_filter" TEXT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "radius_km" REAL NULL,
    "feed_token" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "next_digest_at" TEXT NULL,
    "last_sent_at" TEXT NULL,
    CONSTRAINT "fk_saved_searches_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_saved_searches_user_id" ON "saved_searches" ("user_id");

CREATE UNIQUE INDEX "ix_saved_searches_feed_token" ON "saved_searches" ("feed_token");

CREATE TABLE "saved_search_keys" (
    "saved_search_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NULL,
    "min_lat" REAL NULL,
    "max_lat" REAL NULL,
    "min_lon" REAL NULL,
    "max_lon" REAL NULL,
    CONSTRAINT "pk_saved_search_keys" PRIMARY KEY ("saved_search_id", "key"),
    CONSTRAINT "fk_saved_search_keys_saved_search_id" FOREIGN KEY ("saved_search_id") REFERENCES "saved_searches" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_saved_search_keys_key" ON "saved_search_keys" ("key");

CREATE TABLE "saved_search_matches" (
    "saved_search_id" TEXT NOT NULL,
    "listing_id" TEXT NOT NULL,
    "matched_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    CONSTRAINT "pk_saved_search_matches" PRIMARY KEY ("saved_search_id", "listing_id"),
    CONSTRAINT "fk_saved_search_matches_saved_search_id" FOREIGN KEY ("saved_search_id") REFERENCES "saved_searches" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_saved_search_matches_listing_id" FOREIGN KEY ("listing_id") REFERENCES "listings" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_saved_search_matches_listing_id" ON "saved_search_matches" ("listing_id");

CREATE INDEX "ix_saved_search_matches_sent_at" ON "saved_search_matches" ("saved_search_id") WHERE "sent_at" IS NULL;

CREATE TABLE "alert_listing_queue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "listing_id" TEXT NOT NULL
);

-- Nothing is queued while nobody has saved a search: imports into a fresh site pay nothing.
CREATE TRIGGER "alerts_listing_insert" AFTER INSERT ON "listings"
WHEN new."status" = 'published' AND EXISTS (SELECT 1 FROM "saved_searches") BEGIN
    INSERT INTO "alert_listing_queue" ("listing_id") VALUES (new."id");
END;

CREATE TRIGGER "alerts_listing_update" AFTER UPDATE OF "status", "visibility", "expires_at", "updated_at" ON "listings"
WHEN new."status" = 'published'
    AND (old."status" IS NOT new."status" OR old."visibility" IS NOT new."visibility"
         OR old."expires_at" IS NOT new."expires_at" OR old."updated_at" IS NOT new."updated_at")
    AND EXISTS (SELECT 1 FROM "saved_searches") BEGIN
    INSERT INTO "alert_listing_queue" ("listing_id") VALUES (new."id");
END;
