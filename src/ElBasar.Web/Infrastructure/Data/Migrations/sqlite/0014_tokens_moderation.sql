-- elBasar 0014: personal access tokens (Features/Accounts) and moderation (Features/Moderation):
-- reports on listings and organisations, and the journal of what facilitators did about them.

CREATE TABLE "personal_access_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "pk_personal_access_tokens" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_used_at" TEXT NULL,
    CONSTRAINT "fk_personal_access_tokens_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_personal_access_tokens_token_hash" ON "personal_access_tokens" ("token_hash");

CREATE INDEX "ix_personal_access_tokens_user_id" ON "personal_access_tokens" ("user_id");

CREATE TABLE "moderation_reports" (
    "id" TEXT NOT NULL CONSTRAINT "pk_moderation_reports" PRIMARY KEY,
    "subject_kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "details" TEXT NULL,
    "reporter_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "resolved_at" TEXT NULL,
    "resolved_by_id" TEXT NULL,
    CONSTRAINT "fk_moderation_reports_reporter_id" FOREIGN KEY ("reporter_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_moderation_reports_status_created_at" ON "moderation_reports" ("status", "created_at");

CREATE INDEX "ix_moderation_reports_subject_kind_subject_id" ON "moderation_reports" ("subject_kind", "subject_id");

CREATE INDEX "ix_moderation_reports_reporter_id" ON "moderation_reports" ("reporter_id");

CREATE TABLE "moderation_log" (
    "id" TEXT NOT NULL CONSTRAINT "pk_moderation_log" PRIMARY KEY,
    "at" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "subject_title" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT NULL,
    "previous_status" TEXT NULL
);

CREATE INDEX "ix_moderation_log_at" ON "moderation_log" ("at");

CREATE INDEX "ix_moderation_log_subject_kind_subject_id_at" ON "moderation_log" ("subject_kind", "subject_id", "at");
