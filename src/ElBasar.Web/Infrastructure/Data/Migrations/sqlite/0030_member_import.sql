-- elBasar 0030: importing members from a spreadsheet (Features/Membership/Import).
-- "member_import_files" keeps an uploaded CSV between the upload, the mapping, the preview and the
-- import, so any web node can serve the next step; removed once imported or a day later.
-- "member_details" holds what a members' spreadsheet knows and the public profile does not show:
-- the SIRET (one organisation per SIRET), the street address and the contact person.

CREATE TABLE "member_import_files" (
    "id" TEXT NOT NULL CONSTRAINT "pk_member_import_files" PRIMARY KEY,
    "file_name" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "uploaded_by_id" TEXT NULL,
    "uploaded_at" TEXT NOT NULL,
    CONSTRAINT "fk_member_import_files_uploaded_by_id" FOREIGN KEY ("uploaded_by_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_member_import_files_uploaded_at" ON "member_import_files" ("uploaded_at");

CREATE TABLE "member_details" (
    "organization_id" TEXT NOT NULL CONSTRAINT "pk_member_details" PRIMARY KEY,
    "siret" TEXT NULL,
    "address" TEXT NULL,
    "contact_name" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_member_details_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_member_details_siret" ON "member_details" ("siret");
