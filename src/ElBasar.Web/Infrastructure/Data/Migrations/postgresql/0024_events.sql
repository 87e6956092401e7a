-- elBasar 0024: the network's events (Features/Events) and the registrations to them, with the
-- waiting list. "seats_version" is bumped first by every registration and cancellation, so that
-- they run one at a time per event (its row lock) and never register more people than the capacity.

CREATE TABLE events (
    id uuid NOT NULL,
    title character varying(200) NOT NULL,
    kind character varying(30) NOT NULL,
    description text NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    place character varying(300) NOT NULL,
    host_organization_id uuid,
    latitude double precision,
    longitude double precision,
    capacity integer,
    audience character varying(20) NOT NULL,
    host_brings character varying(2000),
    guests_bring character varying(2000),
    minutes text,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    seats_version integer NOT NULL DEFAULT 0,
    CONSTRAINT pk_events PRIMARY KEY (id),
    CONSTRAINT fk_events_host_organization_id FOREIGN KEY (host_organization_id) REFERENCES organizations (id) ON DELETE SET NULL,
    CONSTRAINT fk_events_created_by_user_id FOREIGN KEY (created_by_user_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_events_starts_at ON events (starts_at);
CREATE INDEX ix_events_host_organization_id ON events (host_organization_id);
CREATE INDEX ix_events_created_by_user_id ON events (created_by_user_id);

CREATE TABLE event_registrations (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    user_id uuid,
    organization_id uuid,
    name character varying(200) NOT NULL,
    email character varying(256) NOT NULL,
    status character varying(20) NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    cancelled_at timestamp with time zone,
    reminded_at timestamp with time zone,
    secret character varying(64) NOT NULL,
    CONSTRAINT pk_event_registrations PRIMARY KEY (id),
    CONSTRAINT fk_event_registrations_event_id FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
    CONSTRAINT fk_event_registrations_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_event_registrations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE SET NULL
);

CREATE UNIQUE INDEX ix_event_registrations_event_id_email ON event_registrations (event_id, email);
CREATE INDEX ix_event_registrations_user_id ON event_registrations (user_id);
CREATE INDEX ix_event_registrations_organization_id ON event_registrations (organization_id);
