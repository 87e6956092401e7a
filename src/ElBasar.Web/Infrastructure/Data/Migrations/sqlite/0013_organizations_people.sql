-- elBasar 0013: organisations and their people. Who acts for an organisation (owner or editor),
-- requests to join one, the network's charter in versions and who accepted which, and a
-- visibility (public or members) for each of an organisation's contacts.

ALTER TABLE "organizations" ADD COLUMN "email_visibility" TEXT NOT NULL DEFAULT 'public';
ALTER TABLE "organizations" ADD COLUMN "phone_visibility" TEXT NOT NULL DEFAULT 'public';
ALTER TABLE "organizations" ADD COLUMN "website_visibility" TEXT NOT NULL DEFAULT 'public';

CREATE TABLE "organization_members" (
    "organization_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "since" TEXT NOT NULL,
    CONSTRAINT "pk_organization_members" PRIMARY KEY ("organization_id", "user_id"),
    CONSTRAINT "fk_organization_members_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_organization_members_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_organization_members_user_id" ON "organization_members" ("user_id");

CREATE TABLE "organization_join_requests" (
    "id" TEXT NOT NULL CONSTRAINT "pk_organization_join_requests" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "message" TEXT NULL,
    "status" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "decided_at" TEXT NULL,
    "decided_by_id" TEXT NULL,
    CONSTRAINT "fk_organization_join_requests_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_organization_join_requests_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_organization_join_requests_decided_by_id" FOREIGN KEY ("decided_by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_organization_join_requests_organization_id_status" ON "organization_join_requests" ("organization_id", "status");

-- One pending request per person and organisation; decided ones stay as history.
CREATE UNIQUE INDEX "ix_organization_join_requests_user_id_organization_id" ON "organization_join_requests" ("user_id", "organization_id") WHERE status = 'pending';

CREATE TABLE "charter_versions" (
    "version" INTEGER NOT NULL CONSTRAINT "pk_charter_versions" PRIMARY KEY,
    "text" TEXT NOT NULL,
    "published_at" TEXT NOT NULL,
    "published_by_id" TEXT NULL,
    CONSTRAINT "fk_charter_versions_published_by_id" FOREIGN KEY ("published_by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE TABLE "charter_acceptances" (
    "id" TEXT NOT NULL CONSTRAINT "pk_charter_acceptances" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "charter_version" INTEGER NOT NULL,
    "accepted_at" TEXT NOT NULL,
    CONSTRAINT "fk_charter_acceptances_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_charter_acceptances_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_charter_acceptances_charter_version" FOREIGN KEY ("charter_version") REFERENCES "charter_versions" ("version") ON DELETE RESTRICT
);

CREATE INDEX "ix_charter_acceptances_organization_id" ON "charter_acceptances" ("organization_id");
