-- elBasar 0016: listing photos (Features/Listings/Photos), kept in the database so that every web
-- node serves them, and the mark of the expiry reminder on listings (Features/Listings/Expiry).

CREATE TABLE "listing_photos" (
    "id" TEXT NOT NULL CONSTRAINT "pk_listing_photos" PRIMARY KEY,
    "listing_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "description" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_listing_photos_listing_id" FOREIGN KEY ("listing_id") REFERENCES "listings" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_listing_photos_listing_id_position" ON "listing_photos" ("listing_id", "position");

-- When the reminder went, and for which expiry: a renewed listing (new expires_at) is reminded again.
ALTER TABLE "listings" ADD COLUMN "expiry_reminder_sent_at" TEXT NULL;

ALTER TABLE "listings" ADD COLUMN "expiry_reminded_for" TEXT NULL;

-- The reminder's scan: published listings by expiry.
CREATE INDEX IF NOT EXISTS "ix_listings_status_expires_at" ON "listings" ("status", "expires_at");
