-- elBasar 0028: the network's library (Features/Resources): studies, guides, reports, minutes,
-- digests, each an uploaded file or a link, public or for members. A file's bytes live in their
-- own table, in the database, so that every web node serves them and lists never read them.

CREATE TABLE "resources" (
    "id" TEXT NOT NULL CONSTRAINT "pk_resources" PRIMARY KEY,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "published_on" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "link" TEXT NULL,
    "file_name" TEXT NULL,
    "file_content_type" TEXT NULL,
    "file_size" INTEGER NULL,
    "added_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_resources_added_by_user_id" FOREIGN KEY ("added_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_resources_published_on" ON "resources" ("published_on");
CREATE INDEX "ix_resources_added_by_user_id" ON "resources" ("added_by_user_id");

CREATE TABLE "resource_themes" (
    "resource_id" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    CONSTRAINT "pk_resource_themes" PRIMARY KEY ("resource_id", "theme"),
    CONSTRAINT "fk_resource_themes_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_resource_themes_theme" ON "resource_themes" ("theme");

CREATE TABLE "resource_files" (
    "resource_id" TEXT NOT NULL CONSTRAINT "pk_resource_files" PRIMARY KEY,
    "bytes" BLOB NOT NULL,
    CONSTRAINT "fk_resource_files_resource_id" FOREIGN KEY ("resource_id") REFERENCES "resources" ("id") ON DELETE CASCADE
);
