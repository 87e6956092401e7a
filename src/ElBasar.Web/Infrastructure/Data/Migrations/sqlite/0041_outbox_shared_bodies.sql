-- elBasar 0041: bodies shared by many messages of the outbox (Infrastructure/Email). A mail sent
-- to many readers (the monthly digest) keeps its text and HTML once in "outbox_bodies", found by
-- the SHA-256 of its content; each of its messages holds only what differs per reader: the
-- address, the subject, the headers, and in "body_values" the values put into the body's
-- placeholders when the dispatcher sends it. "text_body" and "html_body" stay NOT NULL and are
-- empty for such a message: dropping NOT NULL would copy the whole table, every message ever
-- sent included. A body goes with the last message that refers to it: a message never changes
-- its body, so deleting messages is the only way a body loses its readers.

CREATE TABLE "outbox_bodies" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outbox_bodies" PRIMARY KEY,
    "hash" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_outbox_bodies_hash" ON "outbox_bodies" ("hash");

ALTER TABLE "outbox_messages" ADD COLUMN "body_id" TEXT NULL CONSTRAINT "fk_outbox_messages_body_id" REFERENCES "outbox_bodies" ("id");
ALTER TABLE "outbox_messages" ADD COLUMN "body_values" TEXT NULL;

CREATE INDEX "ix_outbox_messages_body_id" ON "outbox_messages" ("body_id") WHERE "body_id" IS NOT NULL;

CREATE TRIGGER "outbox_messages_drop_unused_body" AFTER DELETE ON "outbox_messages"
WHEN old."body_id" IS NOT NULL BEGIN
    DELETE FROM "outbox_bodies" WHERE "id" = old."body_id"
        AND NOT EXISTS (SELECT 1 FROM "outbox_messages" WHERE "body_id" = old."body_id");
END;
