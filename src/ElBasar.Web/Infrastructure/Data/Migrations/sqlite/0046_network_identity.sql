-- elBasar 0046: a network's logo and its own categories (Features/Networks). The logo is kept in the
-- database, like organisation logos, so that every web node serves it; one a network, replaced by a
-- new row on each upload, with the text that stands for it. A network's categories are added to the
-- shared taxonomy for that network only: a slug is unique across networks and never one of the
-- shared taxonomy's; parent_slug names the shared category a sub-category sits under.

CREATE TABLE "network_logos" (
    "id" TEXT NOT NULL CONSTRAINT "pk_network_logos" PRIMARY KEY,
    "network_id" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "alt_text" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_network_logos_network_id" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_network_logos_network_id" ON "network_logos" ("network_id");

CREATE TABLE "network_categories" (
    "slug" TEXT NOT NULL CONSTRAINT "pk_network_categories" PRIMARY KEY,
    "network_id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "parent_slug" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_network_categories_network_id" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_network_categories_network_id" ON "network_categories" ("network_id");
