-- elBasar 0037: several networks on one installation (Features/Networks). Each network gets its
-- colours, charter and membership texts, an optional host name and the widest visibility its
-- listings may take; its facilitators; and the partnerships two networks agree on. An
-- organisation's request to join a network other than the home one is its network_memberships
-- row with is_member false, until a facilitator of that network accepts it.

ALTER TABLE "networks" ADD COLUMN "primary_colour" TEXT NULL;
ALTER TABLE "networks" ADD COLUMN "accent_colour" TEXT NULL;
ALTER TABLE "networks" ADD COLUMN "charter" TEXT NULL;
ALTER TABLE "networks" ADD COLUMN "membership_rules" TEXT NULL;
ALTER TABLE "networks" ADD COLUMN "host_name" TEXT NULL;
ALTER TABLE "networks" ADD COLUMN "widest_visibility" TEXT NOT NULL DEFAULT 'everyone';

CREATE UNIQUE INDEX "ix_networks_host_name" ON "networks" ("host_name");

CREATE TABLE "network_facilitators" (
    "network_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "since" TEXT NOT NULL,
    CONSTRAINT "pk_network_facilitators" PRIMARY KEY ("network_id", "user_id"),
    CONSTRAINT "fk_network_facilitators_network_id" FOREIGN KEY ("network_id") REFERENCES "networks" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_network_facilitators_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_network_facilitators_user_id" ON "network_facilitators" ("user_id");

CREATE TABLE "network_partnerships" (
    "id" TEXT NOT NULL CONSTRAINT "pk_network_partnerships" PRIMARY KEY,
    "proposer_network_id" TEXT NOT NULL,
    "partner_network_id" TEXT NOT NULL,
    "shares_listings" INTEGER NOT NULL,
    "shares_items" INTEGER NOT NULL,
    "shares_events" INTEGER NOT NULL,
    "direction" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "proposed_at" TEXT NOT NULL,
    "decided_at" TEXT NULL,
    "ended_at" TEXT NULL,
    CONSTRAINT "fk_network_partnerships_proposer_network_id" FOREIGN KEY ("proposer_network_id") REFERENCES "networks" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_network_partnerships_partner_network_id" FOREIGN KEY ("partner_network_id") REFERENCES "networks" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_network_partnerships_proposer_network_id" ON "network_partnerships" ("proposer_network_id");
CREATE INDEX "ix_network_partnerships_partner_network_id" ON "network_partnerships" ("partner_network_id");
