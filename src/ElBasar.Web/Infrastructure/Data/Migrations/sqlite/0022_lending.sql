-- elBasar 0022: lending shared equipment (Features/Lending). An item is backed by a listing (mode
-- "loan"); reservations hold one slot a day in lending_reservation_days, whose primary key
-- (item, day, slot) keeps the number of units lent a day within the item's quantity.

CREATE TABLE "lending_items" (
    "id" TEXT NOT NULL CONSTRAINT "pk_lending_items" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "listing_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL CHECK ("quantity" >= 1),
    "deposit_eur" TEXT NULL,
    "fee_eur" TEXT NULL,
    "conditions" TEXT NULL,
    "pickup_place" TEXT NULL,
    "pickup_hours" TEXT NULL,
    "audience" TEXT NOT NULL,
    "auto_approve" INTEGER NOT NULL,
    "max_loan_days" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_lending_items_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_lending_items_listing_id" FOREIGN KEY ("listing_id") REFERENCES "listings" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_lending_items_listing_id" ON "lending_items" ("listing_id");

CREATE INDEX "ix_lending_items_organization_id" ON "lending_items" ("organization_id");

CREATE TABLE "lending_blocks" (
    "item_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    CONSTRAINT "pk_lending_blocks" PRIMARY KEY ("item_id", "day"),
    CONSTRAINT "fk_lending_blocks_item_id" FOREIGN KEY ("item_id") REFERENCES "lending_items" ("id") ON DELETE CASCADE
);

CREATE TABLE "lending_reservations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_lending_reservations" PRIMARY KEY,
    "item_id" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requested_by_id" TEXT NULL,
    "borrower_organization_id" TEXT NULL,
    "borrower_name" TEXT NOT NULL,
    "message" TEXT NULL,
    "answer" TEXT NULL,
    "cancel_reason" TEXT NULL,
    "cancelled_by" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "decided_at" TEXT NULL,
    "cancelled_at" TEXT NULL,
    "checked_out_at" TEXT NULL,
    "checkout_note" TEXT NULL,
    "returned_at" TEXT NULL,
    "return_note" TEXT NULL,
    "damage" TEXT NULL,
    "deposit_agreement" TEXT NULL,
    "pickup_reminded_at" TEXT NULL,
    "return_reminded_at" TEXT NULL,
    "late_reminded_at" TEXT NULL,
    CONSTRAINT "fk_lending_reservations_item_id" FOREIGN KEY ("item_id") REFERENCES "lending_items" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_lending_reservations_requested_by_id" FOREIGN KEY ("requested_by_id") REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_lending_reservations_borrower_organization_id" FOREIGN KEY ("borrower_organization_id") REFERENCES "organizations" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_lending_reservations_item_id_from" ON "lending_reservations" ("item_id", "from");

CREATE INDEX "ix_lending_reservations_requested_by_id" ON "lending_reservations" ("requested_by_id");

CREATE INDEX "ix_lending_reservations_borrower_organization_id" ON "lending_reservations" ("borrower_organization_id");

CREATE INDEX "ix_lending_reservations_status_to" ON "lending_reservations" ("status", "to");

CREATE TABLE "lending_reservation_days" (
    "item_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "reservation_id" TEXT NOT NULL,
    CONSTRAINT "pk_lending_reservation_days" PRIMARY KEY ("item_id", "day", "slot"),
    CONSTRAINT "ck_lending_reservation_days_slot" CHECK (slot >= 1),
    CONSTRAINT "fk_lending_reservation_days_item_id" FOREIGN KEY ("item_id") REFERENCES "lending_items" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_lending_reservation_days_reservation_id" FOREIGN KEY ("reservation_id") REFERENCES "lending_reservations" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_lending_reservation_days_reservation_id" ON "lending_reservation_days" ("reservation_id");

-- Photos of the item's condition at pickup and return, for the reservation's parties only.
CREATE TABLE "lending_condition_photos" (
    "id" TEXT NOT NULL CONSTRAINT "pk_lending_condition_photos" PRIMARY KEY,
    "reservation_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_lending_condition_photos_reservation_id" FOREIGN KEY ("reservation_id") REFERENCES "lending_reservations" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_lending_condition_photos_reservation_id" ON "lending_condition_photos" ("reservation_id");
