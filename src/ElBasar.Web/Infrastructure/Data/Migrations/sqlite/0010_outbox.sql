-- elBasar 0010: the mail outbox (Infrastructure/Email). A message is queued in the transaction
-- of what caused it, at most once per key, and sent by the dispatcher, which claims due rows.

CREATE TABLE "outbox_messages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outbox_messages" PRIMARY KEY,
    "key" TEXT NULL,
    "to_address" TEXT NOT NULL,
    "to_name" TEXT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NOT NULL,
    "headers" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    "last_error" TEXT NULL,
    "claimed_by" TEXT NULL,
    "claimed_until" TEXT NULL
);

CREATE UNIQUE INDEX "ix_outbox_messages_key" ON "outbox_messages" ("key");

-- The dispatcher's scan: only the messages still to send.
CREATE INDEX "ix_outbox_messages_next_attempt_at" ON "outbox_messages" ("next_attempt_at") WHERE "sent_at" IS NULL;
