-- elBasar 0021: organisations that asked to hear of the demands their offers answer
-- (Features/Alerts, DemandWatch). "demand_watch_matches" records each demand once per
-- organisation, with the organisation's offer that answers it, until it is mailed to its owners.

CREATE TABLE "demand_watches" (
    "organization_id" TEXT NOT NULL CONSTRAINT "pk_demand_watches" PRIMARY KEY,
    "frequency" TEXT NOT NULL,
    "next_digest_at" TEXT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_sent_at" TEXT NULL,
    CONSTRAINT "fk_demand_watches_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE TABLE "demand_watch_matches" (
    "organization_id" TEXT NOT NULL,
    "demand_id" TEXT NOT NULL,
    "offer_id" TEXT NOT NULL,
    "matched_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    CONSTRAINT "pk_demand_watch_matches" PRIMARY KEY ("organization_id", "demand_id"),
    CONSTRAINT "fk_demand_watch_matches_organization_id" FOREIGN KEY ("organization_id") REFERENCES "demand_watches" ("organization_id") ON DELETE CASCADE,
    CONSTRAINT "fk_demand_watch_matches_demand_id" FOREIGN KEY ("demand_id") REFERENCES "listings" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_demand_watch_matches_offer_id" FOREIGN KEY ("offer_id") REFERENCES "listings" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_demand_watch_matches_demand_id" ON "demand_watch_matches" ("demand_id");

CREATE INDEX "ix_demand_watch_matches_offer_id" ON "demand_watch_matches" ("offer_id");

-- A listing is now news for watching organisations too: queued when anybody saved a search or
-- watches for demands (0017's triggers, with the second condition).
DROP TRIGGER "alerts_listing_insert";

DROP TRIGGER "alerts_listing_update";

CREATE TRIGGER "alerts_listing_insert" AFTER INSERT ON "listings"
WHEN new."status" = 'published' AND (EXISTS (SELECT 1 FROM "saved_searches") OR EXISTS (SELECT 1 FROM "demand_watches")) BEGIN
    INSERT INTO "alert_listing_queue" ("listing_id") VALUES (new."id");
END;

CREATE TRIGGER "alerts_listing_update" AFTER UPDATE OF "status", "visibility", "expires_at", "updated_at" ON "listings"
WHEN new."status" = 'published'
    AND (old."status" IS NOT new."status" OR old."visibility" IS NOT new."visibility"
         OR old."expires_at" IS NOT new."expires_at" OR old."updated_at" IS NOT new."updated_at")
    AND (EXISTS (SELECT 1 FROM "saved_searches") OR EXISTS (SELECT 1 FROM "demand_watches")) BEGIN
    INSERT INTO "alert_listing_queue" ("listing_id") VALUES (new."id");
END;
