-- elBasar 0031: the admins' back office (Features/Administration): the audit log of every admin and
-- facilitator action, the site's settings and logo, the taxonomy's additions and new labels over the
-- contract's built-in terms (Features/Listings), and thesaurus groups edited or removed by admins.

CREATE TABLE "audit_entries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_audit_entries" PRIMARY KEY,
    "at" TEXT NOT NULL,
    "actor_id" TEXT NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject_id" TEXT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT NULL,
    CONSTRAINT "fk_audit_entries_actor_id" FOREIGN KEY ("actor_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_audit_entries_at" ON "audit_entries" ("at");

CREATE INDEX "ix_audit_entries_actor_id" ON "audit_entries" ("actor_id");

CREATE INDEX "ix_audit_entries_action" ON "audit_entries" ("action");

CREATE INDEX "ix_audit_entries_subject_kind_subject_id" ON "audit_entries" ("subject_kind", "subject_id");

CREATE TABLE "site_settings" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_site_settings" PRIMARY KEY,
    "site_name" TEXT NULL,
    "primary_colour" TEXT NULL,
    "accent_colour" TEXT NULL,
    "logo_id" TEXT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "site_logos" (
    "id" TEXT NOT NULL CONSTRAINT "pk_site_logos" PRIMARY KEY,
    "content_type" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "taxonomy_entries" (
    "kind" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "market" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "pk_taxonomy_entries" PRIMARY KEY ("kind", "slug")
);

ALTER TABLE "synonym_groups" ADD COLUMN "seed_terms" TEXT NULL;

ALTER TABLE "synonym_groups" ADD COLUMN "removed_at" TEXT NULL;

UPDATE "synonym_groups" SET "seed_terms" = "terms" WHERE "from_seed" = 1;
