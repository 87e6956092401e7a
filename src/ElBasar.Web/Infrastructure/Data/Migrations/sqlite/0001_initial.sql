-- elBasar 0001: the foundation. Organisations, networks, listings, the taxonomy, and the
-- listing full-text index (FTS5), kept in step with listings by triggers in the same transaction.

CREATE TABLE "categories" (
    "slug" TEXT NOT NULL CONSTRAINT "pk_categories" PRIMARY KEY,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

CREATE TABLE "exchange_modes" (
    "slug" TEXT NOT NULL CONSTRAINT "pk_exchange_modes" PRIMARY KEY,
    "market" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

CREATE TABLE "legal_forms" (
    "slug" TEXT NOT NULL CONSTRAINT "pk_legal_forms" PRIMARY KEY,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

CREATE TABLE "networks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_networks" PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_home" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "organizations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_organizations" PRIMARY KEY,
    "external_id" TEXT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "legal_form" TEXT NULL,
    "description" TEXT NULL,
    "commune_insee" TEXT NULL,
    "commune" TEXT NULL,
    "postal_code" TEXT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "email" TEXT NULL,
    "phone" TEXT NULL,
    "website" TEXT NULL,
    "employees" INTEGER NULL,
    "status" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "listings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_listings" PRIMARY KEY,
    "external_id" TEXT NULL,
    "network_id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NULL,
    "category" TEXT NOT NULL,
    "price" TEXT NULL,
    "commune_insee" TEXT NULL,
    "commune" TEXT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "status" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "expires_at" TEXT NULL,
    "closed_at" TEXT NULL,
    "search_title" TEXT NOT NULL,
    "search_body" TEXT NOT NULL,
    CONSTRAINT "fk_listings_network_id" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_listings_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "network_memberships" (
    "network_id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "is_member" INTEGER NOT NULL,
    "since" TEXT NOT NULL,
    CONSTRAINT "pk_network_memberships" PRIMARY KEY ("network_id", "organization_id"),
    CONSTRAINT "fk_network_memberships_network_id" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_network_memberships_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "organization_activities" (
    "organization_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    CONSTRAINT "pk_organization_activities" PRIMARY KEY ("organization_id", "position"),
    CONSTRAINT "fk_organization_activities_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "listing_exchange_modes" (
    "listing_id" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    CONSTRAINT "pk_listing_exchange_modes" PRIMARY KEY ("listing_id", "mode"),
    CONSTRAINT "fk_listing_exchange_modes_listing_id" FOREIGN KEY ("listing_id") REFERENCES "listings" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_listing_exchange_modes_mode" ON "listing_exchange_modes" ("mode");

CREATE UNIQUE INDEX "ix_listings_external_id" ON "listings" ("external_id");

CREATE INDEX "ix_listings_latitude_longitude" ON "listings" ("latitude", "longitude");

CREATE INDEX "ix_listings_network_id" ON "listings" ("network_id");

CREATE INDEX "ix_listings_organization_id_status" ON "listings" ("organization_id", "status");

CREATE INDEX "ix_listings_status_created_at" ON "listings" ("status", "created_at");

CREATE INDEX "ix_network_memberships_organization_id" ON "network_memberships" ("organization_id");

CREATE UNIQUE INDEX "ix_networks_slug" ON "networks" ("slug");

CREATE INDEX "ix_organization_activities_label" ON "organization_activities" ("label");

CREATE INDEX "ix_organizations_commune_insee" ON "organizations" ("commune_insee");

CREATE UNIQUE INDEX "ix_organizations_external_id" ON "organizations" ("external_id");

CREATE INDEX "ix_organizations_legal_form" ON "organizations" ("legal_form");

-- Full-text index. FTS5 needs an integer key that never changes: listings use GUIDs, and the
-- implicit rowid of a table may be renumbered by VACUUM, so each listing gets a stable key here.
CREATE TABLE "listing_search_keys" (
    "key" INTEGER NOT NULL PRIMARY KEY,
    "listing_id" TEXT NOT NULL UNIQUE
);

-- The columns hold text already normalised by the search analyser (no accents, no elisions);
-- remove_diacritics also folds what a hand-written query might still carry.
CREATE VIRTUAL TABLE "listing_search" USING fts5(
    title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER "listings_search_insert" AFTER INSERT ON "listings" BEGIN
    INSERT INTO "listing_search_keys" ("listing_id") VALUES (new."id");
    INSERT INTO "listing_search" (rowid, title, body)
    VALUES ((SELECT "key" FROM "listing_search_keys" WHERE "listing_id" = new."id"), new."search_title", new."search_body");
END;

CREATE TRIGGER "listings_search_update" AFTER UPDATE OF "search_title", "search_body" ON "listings" BEGIN
    UPDATE "listing_search" SET title = new."search_title", body = new."search_body"
    WHERE rowid = (SELECT "key" FROM "listing_search_keys" WHERE "listing_id" = new."id");
END;

CREATE TRIGGER "listings_search_delete" AFTER DELETE ON "listings" BEGIN
    DELETE FROM "listing_search" WHERE rowid = (SELECT "key" FROM "listing_search_keys" WHERE "listing_id" = old."id");
    DELETE FROM "listing_search_keys" WHERE "listing_id" = old."id";
END;
