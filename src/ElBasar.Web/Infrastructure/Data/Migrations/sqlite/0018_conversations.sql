-- elBasar 0018: conversations between members (Features/Messaging): a person, or an organisation,
-- writes to an organisation; who read what until when; senders an organisation blocked; and
-- conversations reported to the network's facilitators.

CREATE TABLE "conversations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_conversations" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "starter_user_id" TEXT NULL,
    "starter_organization_id" TEXT NULL,
    "listing_id" TEXT NULL,
    "subject" TEXT NOT NULL,
    "introduced_by_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "last_message_at" TEXT NOT NULL,
    "starter_archived" INTEGER NOT NULL,
    "receiver_archived" INTEGER NOT NULL,
    CONSTRAINT "fk_conversations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversations_starter_organization_id" FOREIGN KEY ("starter_organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversations_starter_user_id" FOREIGN KEY ("starter_user_id") REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_conversations_listing_id" FOREIGN KEY ("listing_id") REFERENCES "listings" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_conversations_organization_id_last_message_at" ON "conversations" ("organization_id", "last_message_at");

CREATE INDEX "ix_conversations_starter_organization_id_last_message_at" ON "conversations" ("starter_organization_id", "last_message_at");

CREATE INDEX "ix_conversations_starter_user_id_created_at" ON "conversations" ("starter_user_id", "created_at");

CREATE INDEX "ix_conversations_listing_id" ON "conversations" ("listing_id");

CREATE TABLE "conversation_messages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_conversation_messages" PRIMARY KEY,
    "conversation_id" TEXT NOT NULL,
    "author_id" TEXT NULL,
    "side" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_conversation_messages_conversation_id" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversation_messages_author_id" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_conversation_messages_conversation_id_created_at" ON "conversation_messages" ("conversation_id", "created_at");

CREATE INDEX "ix_conversation_messages_author_id" ON "conversation_messages" ("author_id");

CREATE TABLE "conversation_reads" (
    "conversation_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "read_at" TEXT NOT NULL,
    CONSTRAINT "pk_conversation_reads" PRIMARY KEY ("conversation_id", "user_id"),
    CONSTRAINT "fk_conversation_reads_conversation_id" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversation_reads_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_conversation_reads_user_id" ON "conversation_reads" ("user_id");

CREATE TABLE "conversation_blocks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_conversation_blocks" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "blocked_user_id" TEXT NULL,
    "blocked_organization_id" TEXT NULL,
    "conversation_id" TEXT NULL,
    "blocked_by_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_conversation_blocks_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversation_blocks_blocked_organization_id" FOREIGN KEY ("blocked_organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversation_blocks_blocked_user_id" FOREIGN KEY ("blocked_user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversation_blocks_blocked_by_id" FOREIGN KEY ("blocked_by_id") REFERENCES "users" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_conversation_blocks_conversation_id" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_conversation_blocks_organization_id_blocked_user_id" ON "conversation_blocks" ("organization_id", "blocked_user_id");

CREATE INDEX "ix_conversation_blocks_organization_id_blocked_organization_id" ON "conversation_blocks" ("organization_id", "blocked_organization_id");

CREATE INDEX "ix_conversation_blocks_blocked_user_id" ON "conversation_blocks" ("blocked_user_id");

CREATE INDEX "ix_conversation_blocks_blocked_organization_id" ON "conversation_blocks" ("blocked_organization_id");

CREATE INDEX "ix_conversation_blocks_blocked_by_id" ON "conversation_blocks" ("blocked_by_id");

CREATE INDEX "ix_conversation_blocks_conversation_id" ON "conversation_blocks" ("conversation_id");

CREATE TABLE "conversation_reports" (
    "id" TEXT NOT NULL CONSTRAINT "pk_conversation_reports" PRIMARY KEY,
    "conversation_id" TEXT NOT NULL,
    "reporter_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "details" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "closed_at" TEXT NULL,
    "closed_by_id" TEXT NULL,
    CONSTRAINT "fk_conversation_reports_conversation_id" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversation_reports_reporter_id" FOREIGN KEY ("reporter_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversation_reports_closed_by_id" FOREIGN KEY ("closed_by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_conversation_reports_closed_at_created_at" ON "conversation_reports" ("closed_at", "created_at");

CREATE INDEX "ix_conversation_reports_conversation_id" ON "conversation_reports" ("conversation_id");

CREATE INDEX "ix_conversation_reports_reporter_id" ON "conversation_reports" ("reporter_id");

CREATE INDEX "ix_conversation_reports_closed_by_id" ON "conversation_reports" ("closed_by_id");
