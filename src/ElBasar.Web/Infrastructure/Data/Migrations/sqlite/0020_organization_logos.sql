-- elBasar 0020: an organisation's logo (Features/Directory/Logo), kept in the database so that
-- every web node serves it; one an organisation, replaced by a new row on each upload.

CREATE TABLE "organization_logos" (
    "id" TEXT NOT NULL CONSTRAINT "pk_organization_logos" PRIMARY KEY,
    "organization_id" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_organization_logos_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_organization_logos_organization_id" ON "organization_logos" ("organization_id");
