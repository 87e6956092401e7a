-- elBasar 0027: what non-members pay to publish, and anyone to feature a listing for a month
-- (Features/Membership, Payment); a featured listing is shown first until "featured_until".

ALTER TABLE "listings" ADD COLUMN "featured_until" TEXT NULL;

CREATE INDEX "ix_listings_featured_until" ON "listings" ("featured_until");

CREATE TABLE "payments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_payments" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "listing_id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "amount_eur" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "paid_with" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "settled_at" TEXT NULL,
    "settled_by_id" TEXT NULL,
    CONSTRAINT "fk_payments_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_payments_listing_id" FOREIGN KEY ("listing_id") REFERENCES "listings" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_payments_settled_by_id" FOREIGN KEY ("settled_by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_payments_status_created_at" ON "payments" ("status", "created_at");

CREATE INDEX "ix_payments_listing_id" ON "payments" ("listing_id");

CREATE INDEX "ix_payments_organization_id" ON "payments" ("organization_id");

CREATE INDEX "ix_payments_settled_by_id" ON "payments" ("settled_by_id");
