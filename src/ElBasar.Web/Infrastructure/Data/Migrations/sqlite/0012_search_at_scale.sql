-- elBasar 0012: search at scale. The index's integer keys move to "listing_search_rows", which
-- also carries the listing columns search filters read: status, visibility, expiry, organisation,
-- kind, category, commune, date, point, and the exchange modes (" loan donation "). A search
-- checks its filters on each match there, one lookup in a narrow table in the order the index
-- returns its matches, instead of a read of the wide listing row by its text id. Triggers keep
-- the copy in step, in the same transaction.

DROP TRIGGER "listings_search_insert";
DROP TRIGGER "listings_search_update";
DROP TRIGGER "listings_search_delete";

CREATE TABLE "listing_search_rows" (
    "key" INTEGER NOT NULL PRIMARY KEY,
    "listing_id" TEXT NOT NULL UNIQUE,
    "status" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "expires_at" TEXT NULL,
    "organization_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "commune_insee" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "modes" TEXT NOT NULL DEFAULT ' '
);

INSERT INTO "listing_search_rows"
    ("key", "listing_id", "status", "visibility", "expires_at", "organization_id", "kind", "category", "commune_insee", "created_at", "latitude", "longitude", "modes")
SELECT k."key", l."id", l."status", l."visibility", l."expires_at", l."organization_id", l."kind", l."category", l."commune_insee", l."created_at", l."latitude", l."longitude",
    ' ' || coalesce((SELECT group_concat(m."mode", ' ') FROM "listing_exchange_modes" m WHERE m."listing_id" = l."id") || ' ', '')
FROM "listing_search_keys" k JOIN "listings" l ON l."id" = k."listing_id"
ORDER BY k."key";

DROP TABLE "listing_search_keys";

-- Searches without text: the newest first, by category (and kind), around a point (in a category).
CREATE INDEX "ix_listing_search_rows_created_at" ON "listing_search_rows" ("created_at");
CREATE INDEX "ix_listing_search_rows_category_created_at" ON "listing_search_rows" ("category", "created_at");
CREATE INDEX "ix_listing_search_rows_category_kind_created_at" ON "listing_search_rows" ("category", "kind", "created_at");
CREATE INDEX "ix_listing_search_rows_latitude_longitude" ON "listing_search_rows" ("latitude", "longitude");
CREATE INDEX "ix_listing_search_rows_category_latitude_longitude" ON "listing_search_rows" ("category", "latitude", "longitude");

-- Every search leaves out the listings of hidden organisations: few, found through this index.
CREATE INDEX "ix_organizations_hidden" ON "organizations" ("id") WHERE "status" <> 'active';

CREATE TRIGGER "listings_search_insert" AFTER INSERT ON "listings" BEGIN
    INSERT INTO "listing_search_rows"
        ("listing_id", "status", "visibility", "expires_at", "organization_id", "kind", "category", "commune_insee", "created_at", "latitude", "longitude")
    VALUES (new."id", new."status", new."visibility", new."expires_at", new."organization_id", new."kind", new."category", new."commune_insee", new."created_at", new."latitude", new."longitude");
    INSERT INTO "listing_search" (rowid, title, body)
    VALUES ((SELECT "key" FROM "listing_search_rows" WHERE "listing_id" = new."id"), new."search_title", new."search_body");
END;

CREATE TRIGGER "listings_search_update" AFTER UPDATE OF "search_title", "search_body" ON "listings" BEGIN
    UPDATE "listing_search" SET title = new."search_title", body = new."search_body"
    WHERE rowid = (SELECT "key" FROM "listing_search_rows" WHERE "listing_id" = new."id");
END;

CREATE TRIGGER "listings_search_rows_update"
AFTER UPDATE OF "status", "visibility", "expires_at", "organization_id", "kind", "category", "commune_insee", "created_at", "latitude", "longitude" ON "listings" BEGIN
    UPDATE "listing_search_rows"
    SET "status" = new."status", "visibility" = new."visibility", "expires_at" = new."expires_at",
        "organization_id" = new."organization_id", "kind" = new."kind", "category" = new."category",
        "commune_insee" = new."commune_insee", "created_at" = new."created_at", "latitude" = new."latitude", "longitude" = new."longitude"
    WHERE "listing_id" = new."id";
END;

CREATE TRIGGER "listings_search_delete" AFTER DELETE ON "listings" BEGIN
    DELETE FROM "listing_search" WHERE rowid = (SELECT "key" FROM "listing_search_rows" WHERE "listing_id" = old."id");
    DELETE FROM "listing_search_rows" WHERE "listing_id" = old."id";
END;

CREATE TRIGGER "listing_exchange_modes_search_insert" AFTER INSERT ON "listing_exchange_modes" BEGIN
    UPDATE "listing_search_rows" SET "modes" = "modes" || new."mode" || ' ' WHERE "listing_id" = new."listing_id";
END;

CREATE TRIGGER "listing_exchange_modes_search_delete" AFTER DELETE ON "listing_exchange_modes" BEGIN
    UPDATE "listing_search_rows" SET "modes" = replace("modes", ' ' || old."mode" || ' ', ' ') WHERE "listing_id" = old."listing_id";
END;

-- A radius around a commune starts from the places known in it (ListingSearch.LocateAsync).
CREATE INDEX "ix_listings_commune_insee" ON "listings" ("commune_insee");
