-- elBasar 0015: publishing (Features/Listings/Publishing). How a closed listing ended ("fulfilled",
-- pourvue, or "withdrawn", retirée), and which accounts created and last edited it. The accounts
-- may go; the listing stays, so those links fall back to NULL.

ALTER TABLE "listings" ADD COLUMN "closed_outcome" TEXT NULL;

ALTER TABLE "listings" ADD COLUMN "created_by_id" TEXT NULL
    CONSTRAINT "fk_listings_created_by_id" REFERENCES "users" ("id") ON DELETE SET NULL;

ALTER TABLE "listings" ADD COLUMN "updated_by_id" TEXT NULL
    CONSTRAINT "fk_listings_updated_by_id" REFERENCES "users" ("id") ON DELETE SET NULL;

CREATE INDEX "ix_listings_created_by_id" ON "listings" ("created_by_id");

CREATE INDEX "ix_listings_updated_by_id" ON "listings" ("updated_by_id");
