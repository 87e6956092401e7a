-- elBasar 0025: yearly memberships of the network (Features/Membership), the fee scale admins
-- edit, and the receipt counter that numbers payments in order within each year.

CREATE TABLE "membership_tiers" (
    "slug" TEXT NOT NULL CONSTRAINT "pk_membership_tiers" PRIMARY KEY,
    "label" TEXT NOT NULL,
    "applies_to" TEXT NOT NULL,
    "fee_eur" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_membership_tiers_applies_to" ON "membership_tiers" ("applies_to");

-- The network's 2020 scale.
INSERT INTO "membership_tiers" ("slug", "label", "applies_to", "fee_eur") VALUES
    ('individuel', 'Adhésion individuelle', 'individual', '20.0'),
    ('structure', 'Structure sans salarié', 'noemployees', '40.0'),
    ('structure-employeuse', 'Structure avec salariés', 'employees', '100.0');

CREATE TABLE "memberships" (
    "id" TEXT NOT NULL CONSTRAINT "pk_memberships" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "valid_until" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "fee_eur" TEXT NOT NULL,
    "solidarity" INTEGER NOT NULL,
    "paid_with" TEXT NULL,
    "paid_at" TEXT NULL,
    "receipt_number" TEXT NULL,
    "charter_version" INTEGER NULL,
    "note" TEXT NULL,
    "recorded_by_id" TEXT NULL,
    "recorded_at" TEXT NOT NULL,
    "reminded30_at" TEXT NULL,
    "reminded7_at" TEXT NULL,
    CONSTRAINT "fk_memberships_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_memberships_recorded_by_id" FOREIGN KEY ("recorded_by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "ix_memberships_organization_id_year" ON "memberships" ("organization_id", "year");

CREATE UNIQUE INDEX "ix_memberships_receipt_number" ON "memberships" ("receipt_number");

CREATE INDEX "ix_memberships_valid_until" ON "memberships" ("valid_until");

CREATE INDEX "ix_memberships_recorded_by_id" ON "memberships" ("recorded_by_id");

CREATE TABLE "receipt_counters" (
    "year" INTEGER NOT NULL CONSTRAINT "pk_receipt_counters" PRIMARY KEY,
    "last" INTEGER NOT NULL
);
