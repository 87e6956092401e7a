-- elBasar 0023: exchanges between members, their recommendations, and the facilitators' follow-up
-- contacts (Features/Exchanges). An exchange carries its month, both parties' territories and legal
-- forms and the distance between them, so the impact dashboard is one scan of one table.

CREATE TABLE "exchanges" (
    "id" TEXT NOT NULL CONSTRAINT "pk_exchanges" PRIMARY KEY,
    "from_organization_id" TEXT NOT NULL,
    "to_organization_id" TEXT NOT NULL,
    "pair_low_id" TEXT NOT NULL,
    "pair_high_id" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "market" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "amount_cents" INTEGER NULL,
    "estimated_value_cents" INTEGER NULL,
    "minutes" INTEGER NULL,
    "days" INTEGER NULL,
    "listing_id" TEXT NULL,
    "conversation_id" TEXT NULL,
    "source_kind" TEXT NULL,
    "source_id" TEXT NULL,
    "status" TEXT NOT NULL,
    "dispute_comment" TEXT NULL,
    "confirmed_at" TEXT NULL,
    "confirmed_by_id" TEXT NULL,
    "confirmed_by_facilitator" INTEGER NOT NULL,
    "first_of_pair" INTEGER NOT NULL,
    "from_departement" TEXT NULL,
    "to_departement" TEXT NULL,
    "from_epci" TEXT NULL,
    "to_epci" TEXT NULL,
    "from_legal_form" TEXT NULL,
    "to_legal_form" TEXT NULL,
    "distance_km" REAL NULL,
    "declared_by_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_exchanges_from_organization_id" FOREIGN KEY ("from_organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_exchanges_to_organization_id" FOREIGN KEY ("to_organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_exchanges_listing_id" FOREIGN KEY ("listing_id") REFERENCES "listings" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_exchanges_declared_by_id" FOREIGN KEY ("declared_by_id") REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_exchanges_confirmed_by_id" FOREIGN KEY ("confirmed_by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

-- The dashboard reads the confirmed exchanges of a period through three covering indexes (by month,
-- mode and category; by places and legal forms; by pairs), so it never visits the table's wide rows.
CREATE INDEX "ix_exchanges_status_date" ON "exchanges" ("status", "date", "month", "mode", "category", "market", "amount_cents", "minutes", "estimated_value_cents", "first_of_pair", "distance_km");

CREATE INDEX "ix_exchanges_impact_places" ON "exchanges" ("status", "date", "market", "from_epci", "to_epci", "from_departement", "to_departement", "from_legal_form", "to_legal_form", "amount_cents", "minutes", "estimated_value_cents");

CREATE INDEX "ix_exchanges_impact_pairs" ON "exchanges" ("status", "date", "pair_low_id", "pair_high_id");

CREATE INDEX "ix_exchanges_pair_low_id_pair_high_id_date" ON "exchanges" ("pair_low_id", "pair_high_id", "date");

CREATE INDEX "ix_exchanges_from_organization_id_date" ON "exchanges" ("from_organization_id", "date");

CREATE INDEX "ix_exchanges_to_organization_id_date" ON "exchanges" ("to_organization_id", "date");

CREATE INDEX "ix_exchanges_listing_id" ON "exchanges" ("listing_id");

CREATE INDEX "ix_exchanges_declared_by_id" ON "exchanges" ("declared_by_id");

CREATE INDEX "ix_exchanges_confirmed_by_id" ON "exchanges" ("confirmed_by_id");

CREATE INDEX "ix_exchanges_source_kind_source_id" ON "exchanges" ("source_kind", "source_id");

CREATE TABLE "recommendations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_recommendations" PRIMARY KEY,
    "exchange_id" TEXT NOT NULL,
    "author_organization_id" TEXT NOT NULL,
    "subject_organization_id" TEXT NOT NULL,
    "author_id" TEXT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "hidden" INTEGER NOT NULL,
    "answer" TEXT NULL,
    "answered_at" TEXT NULL,
    "answered_by_id" TEXT NULL,
    CONSTRAINT "fk_recommendations_exchange_id" FOREIGN KEY ("exchange_id") REFERENCES "exchanges" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_recommendations_author_organization_id" FOREIGN KEY ("author_organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_recommendations_subject_organization_id" FOREIGN KEY ("subject_organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_recommendations_author_id" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_recommendations_answered_by_id" FOREIGN KEY ("answered_by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "ix_recommendations_exchange_id_author_organization_id" ON "recommendations" ("exchange_id", "author_organization_id");

CREATE INDEX "ix_recommendations_subject_organization_id_created_at" ON "recommendations" ("subject_organization_id", "created_at");

CREATE INDEX "ix_recommendations_author_organization_id" ON "recommendations" ("author_organization_id");

CREATE INDEX "ix_recommendations_author_id" ON "recommendations" ("author_id");

CREATE INDEX "ix_recommendations_answered_by_id" ON "recommendations" ("answered_by_id");

CREATE TABLE "member_contacts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_member_contacts" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "contacted_on" TEXT NOT NULL,
    "note" TEXT NULL,
    "by_id" TEXT NULL,
    "by_name" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_member_contacts_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_member_contacts_by_id" FOREIGN KEY ("by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_member_contacts_organization_id_contacted_on" ON "member_contacts" ("organization_id", "contacted_on");

CREATE INDEX "ix_member_contacts_by_id" ON "member_contacts" ("by_id");
