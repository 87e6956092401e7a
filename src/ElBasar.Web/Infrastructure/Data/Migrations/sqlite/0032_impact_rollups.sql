-- elBasar 0032: the impact dashboard over a million exchanges (Features/Exchanges/README.md).
-- 1. Each organisation taking part in exchanges gets a small number, and each exchange the key of its
--    pair made of both numbers: distinct pairs and the organisations involved are then counted from
--    one integer per exchange instead of two identifiers.
-- 2. The confirmed exchanges of each month are summed up once into three roll-up tables (by mode and
--    category, by places, by legal forms); a period reads its whole months there and only its first and
--    last partial months from the exchanges. Triggers mark a month stale whenever a confirmed exchange
--    of it changes; the dashboard sums stale months again before reading.
-- 3. Organisations agree (or not) to be named on the public impact page.

CREATE TABLE "exchange_parties" (
    "number" INTEGER NOT NULL CONSTRAINT "pk_exchange_parties" PRIMARY KEY AUTOINCREMENT,
    "organization_id" TEXT NOT NULL,
    CONSTRAINT "fk_exchange_parties_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_exchange_parties_organization_id" ON "exchange_parties" ("organization_id");

INSERT INTO "exchange_parties" ("organization_id")
SELECT "id" FROM (SELECT "pair_low_id" AS "id" FROM "exchanges" UNION SELECT "pair_high_id" FROM "exchanges") ORDER BY "id";

ALTER TABLE "exchanges" ADD COLUMN "pair_key" INTEGER NOT NULL DEFAULT 0;

UPDATE "exchanges" SET "pair_key" =
    (SELECT "number" FROM "exchange_parties" WHERE "organization_id" = "exchanges"."pair_low_id") * 4194304
    + (SELECT "number" FROM "exchange_parties" WHERE "organization_id" = "exchanges"."pair_high_id");

DROP INDEX "ix_exchanges_impact_pairs";

CREATE INDEX "ix_exchanges_impact_pairs" ON "exchanges" ("status", "pair_key", "date");

CREATE TABLE "exchange_month_cells" (
    "month" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "market" INTEGER NOT NULL,
    "exchanges" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "minutes" INTEGER NOT NULL,
    "estimated_value_cents" INTEGER NOT NULL,
    "new_pairs" INTEGER NOT NULL,
    "distance_km" REAL NOT NULL,
    "with_distance" INTEGER NOT NULL
);

CREATE INDEX "ix_exchange_month_cells_month" ON "exchange_month_cells" ("month");

CREATE TABLE "exchange_month_places" (
    "month" INTEGER NOT NULL,
    "from_epci" TEXT NULL,
    "to_epci" TEXT NULL,
    "from_departement" TEXT NULL,
    "to_departement" TEXT NULL,
    "market" INTEGER NOT NULL,
    "exchanges" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "minutes" INTEGER NOT NULL,
    "estimated_value_cents" INTEGER NOT NULL
);

CREATE INDEX "ix_exchange_month_places_month" ON "exchange_month_places" ("month");

CREATE TABLE "exchange_month_forms" (
    "month" INTEGER NOT NULL,
    "from_legal_form" TEXT NULL,
    "to_legal_form" TEXT NULL,
    "market" INTEGER NOT NULL,
    "exchanges" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "minutes" INTEGER NOT NULL,
    "estimated_value_cents" INTEGER NOT NULL
);

CREATE INDEX "ix_exchange_month_forms_month" ON "exchange_month_forms" ("month");

CREATE TABLE "exchange_stale_months" (
    "month" INTEGER NOT NULL CONSTRAINT "pk_exchange_stale_months" PRIMARY KEY,
    "changes" INTEGER NOT NULL DEFAULT 1
);

INSERT INTO "exchange_stale_months" ("month") SELECT DISTINCT "month" FROM "exchanges" WHERE "status" = 'confirmed';

CREATE TRIGGER "exchanges_stale_month_insert" AFTER INSERT ON "exchanges"
WHEN new."status" = 'confirmed' BEGIN
    INSERT INTO "exchange_stale_months" ("month") VALUES (new."month")
        ON CONFLICT ("month") DO UPDATE SET "changes" = "changes" + 1;
END;

CREATE TRIGGER "exchanges_stale_month_update" AFTER UPDATE ON "exchanges"
WHEN old."status" = 'confirmed' OR new."status" = 'confirmed' BEGIN
    INSERT INTO "exchange_stale_months" ("month") VALUES (old."month")
        ON CONFLICT ("month") DO UPDATE SET "changes" = "changes" + 1;
    INSERT INTO "exchange_stale_months" ("month") VALUES (new."month")
        ON CONFLICT ("month") DO UPDATE SET "changes" = "changes" + 1;
END;

CREATE TRIGGER "exchanges_stale_month_delete" AFTER DELETE ON "exchanges"
WHEN old."status" = 'confirmed' BEGIN
    INSERT INTO "exchange_stale_months" ("month") VALUES (old."month")
        ON CONFLICT ("month") DO UPDATE SET "changes" = "changes" + 1;
END;

CREATE TABLE "impact_consents" (
    "organization_id" TEXT NOT NULL CONSTRAINT "pk_impact_consents" PRIMARY KEY,
    "agreed_at" TEXT NOT NULL,
    "agreed_by_id" TEXT NULL,
    CONSTRAINT "fk_impact_consents_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_impact_consents_agreed_by_id" FOREIGN KEY ("agreed_by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_impact_consents_agreed_by_id" ON "impact_consents" ("agreed_by_id");
