-- elBasar 0024: the network's events (Features/Events) and the registrations to them, with the
-- waiting list. "seats_version" is bumped first by every registration and cancellation, so that
-- they run one at a time per event and never register more people than the capacity.

CREATE TABLE "events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_events" PRIMARY KEY,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "host_organization_id" TEXT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "capacity" INTEGER NULL,
    "audience" TEXT NOT NULL,
    "host_brings" TEXT NULL,
    "guests_bring" TEXT NULL,
    "minutes" TEXT NULL,
    "created_by_user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "seats_version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "fk_events_host_organization_id" FOREIGN KEY ("host_organization_id") REFERENCES "organizations" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_events_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_events_starts_at" ON "events" ("starts_at");
CREATE INDEX "ix_events_host_organization_id" ON "events" ("host_organization_id");
CREATE INDEX "ix_events_created_by_user_id" ON "events" ("created_by_user_id");

CREATE TABLE "event_registrations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_event_registrations" PRIMARY KEY,
    "event_id" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "organization_id" TEXT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requested_at" TEXT NOT NULL,
    "cancelled_at" TEXT NULL,
    "reminded_at" TEXT NULL,
    "secret" TEXT NOT NULL,
    CONSTRAINT "fk_event_registrations_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_event_registrations_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_event_registrations_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "ix_event_registrations_event_id_email" ON "event_registrations" ("event_id", "email");
CREATE INDEX "ix_event_registrations_user_id" ON "event_registrations" ("user_id");
CREATE INDEX "ix_event_registrations_organization_id" ON "event_registrations" ("organization_id");
