-- elBasar 0040: the digest's sending job takes the next copies still to queue, batch after batch
-- (Features/Newsletter/NewsletterJob). Walking the primary key past every copy already queued
-- grew with each batch: at 100,000 subscribers, 80 ms on SQLite and a full scan on PostgreSQL
-- for the last ones. This index holds only the copies still to queue.

CREATE INDEX "ix_newsletter_deliveries_pending" ON "newsletter_deliveries" ("issue_id", "subscriber_id") WHERE "queued_at" IS NULL;
