-- elBasar 0029: cooperations between the network's organisations (Features/Cooperations), sorted in
-- the four kinds of the departmental guide, and the directory's organisations that take part in them.
-- Other partners (a commune, a firm outside the directory) are free text, one per line.

CREATE TABLE "cooperations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_cooperations" PRIMARY KEY,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "territory_level" TEXT NOT NULL,
    "territory_code" TEXT NOT NULL,
    "outside_partners" TEXT NULL,
    "origin" TEXT NOT NULL,
    "governance" TEXT NOT NULL,
    "stakes" TEXT NOT NULL,
    "working_together" TEXT NOT NULL,
    "contact_name" TEXT NOT NULL,
    "contact_email" TEXT NULL,
    "contact_phone" TEXT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_cooperations_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_cooperations_starts_on_ends_on" ON "cooperations" ("starts_on", "ends_on");
CREATE INDEX "ix_cooperations_created_by_user_id" ON "cooperations" ("created_by_user_id");

CREATE TABLE "cooperation_participants" (
    "cooperation_id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    CONSTRAINT "pk_cooperation_participants" PRIMARY KEY ("cooperation_id", "organization_id"),
    CONSTRAINT "fk_cooperation_participants_cooperation_id" FOREIGN KEY ("cooperation_id") REFERENCES "cooperations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_cooperation_participants_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_cooperation_participants_organization_id" ON "cooperation_participants" ("organization_id");
