-- elBasar 0026: the monthly digest (Features/Newsletter): its subscribers (member accounts and the
-- public, double opt-in), its issues, and one delivery row per issue and subscriber, so that a
-- sending stopped half-way goes on where it was without a second copy to anyone.

CREATE TABLE "newsletter_subscribers" (
    "id" TEXT NOT NULL CONSTRAINT "pk_newsletter_subscribers" PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NULL,
    "user_id" TEXT NULL,
    "status" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "confirmed_at" TEXT NULL,
    "unsubscribed_at" TEXT NULL,
    CONSTRAINT "fk_newsletter_subscribers_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_newsletter_subscribers_email" ON "newsletter_subscribers" ("email");
CREATE UNIQUE INDEX "ix_newsletter_subscribers_user_id" ON "newsletter_subscribers" ("user_id");

CREATE TABLE "newsletter_issues" (
    "id" TEXT NOT NULL CONSTRAINT "pk_newsletter_issues" PRIMARY KEY,
    "month" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "editorial" TEXT NOT NULL,
    "excluded_listings" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "scheduled_at" TEXT NULL,
    "html" TEXT NULL,
    "text" TEXT NULL,
    "enlisted" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "sent_at" TEXT NULL
);

CREATE UNIQUE INDEX "ix_newsletter_issues_month" ON "newsletter_issues" ("month");

CREATE TABLE "newsletter_deliveries" (
    "issue_id" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "queued_at" TEXT NULL,
    CONSTRAINT "pk_newsletter_deliveries" PRIMARY KEY ("issue_id", "subscriber_id"),
    CONSTRAINT "fk_newsletter_deliveries_issue_id" FOREIGN KEY ("issue_id") REFERENCES "newsletter_issues" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_newsletter_deliveries_subscriber_id" FOREIGN KEY ("subscriber_id") REFERENCES "newsletter_subscribers" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_newsletter_deliveries_subscriber_id" ON "newsletter_deliveries" ("subscriber_id");
