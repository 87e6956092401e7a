-- elBasar 0019: the hotline (Features/Hotline). "Je ne trouve pas ce que je cherche": requests to
-- the facilitators, the journal of what they did with the minutes it took, and what they suggested.

CREATE TABLE "hotline_requests" (
    "id" TEXT NOT NULL CONSTRAINT "pk_hotline_requests" PRIMARY KEY,
    "requester_id" TEXT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NULL,
    "what" TEXT NOT NULL,
    "commune" TEXT NULL,
    "urgency" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "assigned_to_id" TEXT NULL,
    "status" TEXT NOT NULL,
    "closed_at" TEXT NULL,
    CONSTRAINT "fk_hotline_requests_requester_id" FOREIGN KEY ("requester_id") REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_hotline_requests_assigned_to_id" FOREIGN KEY ("assigned_to_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_hotline_requests_status_created_at" ON "hotline_requests" ("status", "created_at");

CREATE INDEX "ix_hotline_requests_requester_id" ON "hotline_requests" ("requester_id");

CREATE INDEX "ix_hotline_requests_assigned_to_id" ON "hotline_requests" ("assigned_to_id");

CREATE TABLE "hotline_entries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_hotline_entries" PRIMARY KEY,
    "request_id" TEXT NOT NULL,
    "author_id" TEXT NULL,
    "author_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NULL,
    "minutes" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_hotline_entries_request_id" FOREIGN KEY ("request_id") REFERENCES "hotline_requests" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_hotline_entries_author_id" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_hotline_entries_request_id_created_at" ON "hotline_entries" ("request_id", "created_at");

CREATE INDEX "ix_hotline_entries_author_id" ON "hotline_entries" ("author_id");

CREATE TABLE "hotline_suggestions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_hotline_suggestions" PRIMARY KEY,
    "request_id" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "listing_id" TEXT NULL,
    "organization_id" TEXT NULL,
    "title" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_hotline_suggestions_request_id" FOREIGN KEY ("request_id") REFERENCES "hotline_requests" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_hotline_suggestions_entry_id" FOREIGN KEY ("entry_id") REFERENCES "hotline_entries" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_hotline_suggestions_listing_id" FOREIGN KEY ("listing_id") REFERENCES "listings" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_hotline_suggestions_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_hotline_suggestions_request_id" ON "hotline_suggestions" ("request_id");

CREATE INDEX "ix_hotline_suggestions_entry_id" ON "hotline_suggestions" ("entry_id");

CREATE INDEX "ix_hotline_suggestions_listing_id" ON "hotline_suggestions" ("listing_id");

CREATE INDEX "ix_hotline_suggestions_organization_id" ON "hotline_suggestions" ("organization_id");
