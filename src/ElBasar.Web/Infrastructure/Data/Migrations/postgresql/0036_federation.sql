-- elBasar 0036: between installations (Features/Federation).
-- "feed_changes" is the open feed's change log: every insert, update and delete of a listing, an
-- organisation, a lending item or an event adds a row, from triggers, in the transaction that made
-- the change. A sequence number is taken before its transaction commits, so a higher "seq" may
-- commit before a lower one: each row also keeps "tx", the id of the transaction that wrote it
-- (pg_current_xact_id), and the feed reads in (tx, seq) order only the rows of transactions older
-- than every transaction still running (pg_snapshot_xmin of its own snapshot), which are final.
-- The log is seeded with what exists already, so a feed read from the start holds everything.
-- "feed_marks" remembers up to when listings that expired by the clock were logged.
-- "partner_keys" are the keys partner installations send to read partner-only content (hashed).
-- "partner_installations" are the feeds this site subscribes to; "remote_listings" what they hold.

CREATE TABLE feed_changes (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    tx bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    kind character varying(20) NOT NULL,
    entity_id uuid NOT NULL,
    CONSTRAINT pk_feed_changes PRIMARY KEY (seq)
);

CREATE INDEX ix_feed_changes_kind_tx_seq ON feed_changes (kind, tx, seq);

CREATE TABLE feed_marks (
    name character varying(40) NOT NULL,
    at timestamp with time zone,
    CONSTRAINT pk_feed_marks PRIMARY KEY (name)
);

INSERT INTO feed_marks (name, at) VALUES ('expiry', NULL);

INSERT INTO feed_changes (kind, entity_id) SELECT 'organization', id FROM organizations ORDER BY created_at, id;
INSERT INTO feed_changes (kind, entity_id) SELECT 'listing', id FROM listings ORDER BY created_at, id;
INSERT INTO feed_changes (kind, entity_id) SELECT 'item', id FROM lending_items ORDER BY created_at, id;
INSERT INTO feed_changes (kind, entity_id) SELECT 'event', id FROM events ORDER BY created_at, id;

CREATE FUNCTION feed_log_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO feed_changes (kind, entity_id) VALUES ('listing', OLD.id);
    ELSE
        INSERT INTO feed_changes (kind, entity_id) VALUES ('listing', NEW.id);
        IF TG_OP = 'UPDATE' THEN
            INSERT INTO feed_changes (kind, entity_id) SELECT 'item', id FROM lending_items WHERE listing_id = NEW.id;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER feed_listing AFTER INSERT OR UPDATE OR DELETE ON listings
FOR EACH ROW EXECUTE FUNCTION feed_log_listing();

CREATE FUNCTION feed_log_listing_mode() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO feed_changes (kind, entity_id) VALUES ('listing', OLD.listing_id);
    ELSE
        INSERT INTO feed_changes (kind, entity_id) VALUES ('listing', NEW.listing_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER feed_listing_mode AFTER INSERT OR DELETE ON listing_exchange_modes
FOR EACH ROW EXECUTE FUNCTION feed_log_listing_mode();

-- A listing carries its organisation's name, and leaves the feed with a hidden organisation.
CREATE FUNCTION feed_log_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO feed_changes (kind, entity_id) VALUES ('organization', OLD.id);
    ELSE
        INSERT INTO feed_changes (kind, entity_id) VALUES ('organization', NEW.id);
        IF TG_OP = 'UPDATE' AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.name IS DISTINCT FROM NEW.name) THEN
            INSERT INTO feed_changes (kind, entity_id) SELECT 'listing', id FROM listings WHERE organization_id = NEW.id;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER feed_organization AFTER INSERT OR UPDATE OR DELETE ON organizations
FOR EACH ROW EXECUTE FUNCTION feed_log_organization();

CREATE FUNCTION feed_log_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO feed_changes (kind, entity_id) VALUES ('item', OLD.id);
    ELSE
        INSERT INTO feed_changes (kind, entity_id) VALUES ('item', NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER feed_item AFTER INSERT OR UPDATE OR DELETE ON lending_items
FOR EACH ROW EXECUTE FUNCTION feed_log_item();

-- Registrations bump "seats_version" only: that is no change of the event's public record.
CREATE FUNCTION feed_log_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO feed_changes (kind, entity_id) VALUES ('event', OLD.id);
    ELSIF TG_OP = 'INSERT' OR OLD.title IS DISTINCT FROM NEW.title OR OLD.kind IS DISTINCT FROM NEW.kind
        OR OLD.description IS DISTINCT FROM NEW.description OR OLD.starts_at IS DISTINCT FROM NEW.starts_at
        OR OLD.ends_at IS DISTINCT FROM NEW.ends_at OR OLD.place IS DISTINCT FROM NEW.place
        OR OLD.latitude IS DISTINCT FROM NEW.latitude OR OLD.longitude IS DISTINCT FROM NEW.longitude
        OR OLD.capacity IS DISTINCT FROM NEW.capacity OR OLD.audience IS DISTINCT FROM NEW.audience
        OR OLD.updated_at IS DISTINCT FROM NEW.updated_at THEN
        INSERT INTO feed_changes (kind, entity_id) VALUES ('event', NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER feed_event AFTER INSERT OR UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION feed_log_event();

CREATE TABLE partner_keys (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    key_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    CONSTRAINT pk_partner_keys PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_partner_keys_key_hash ON partner_keys (key_hash);

CREATE TABLE partner_installations (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    base_url character varying(500) NOT NULL,
    api_key character varying(200),
    cursor character varying(100),
    created_at timestamp with time zone NOT NULL,
    next_sync_at timestamp with time zone NOT NULL,
    claimed_until timestamp with time zone,
    last_success_at timestamp with time zone,
    last_error character varying(500),
    failures integer NOT NULL DEFAULT 0,
    CONSTRAINT pk_partner_installations PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_partner_installations_base_url ON partner_installations (base_url);

CREATE TABLE remote_listings (
    id uuid NOT NULL,
    partner_id uuid NOT NULL,
    remote_id character varying(100) NOT NULL,
    remote_url character varying(500) NOT NULL,
    kind character varying(20) NOT NULL,
    title character varying(150) NOT NULL,
    description character varying(10000),
    category character varying(40) NOT NULL,
    modes character varying(500) NOT NULL,
    price numeric(12,2),
    commune_insee character varying(5),
    commune character varying(200),
    latitude double precision,
    longitude double precision,
    organization_name character varying(200),
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    received_at timestamp with time zone NOT NULL,
    search_text text NOT NULL,
    CONSTRAINT pk_remote_listings PRIMARY KEY (id),
    CONSTRAINT fk_remote_listings_partner_id FOREIGN KEY (partner_id) REFERENCES partner_installations (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_remote_listings_partner_id_remote_id ON remote_listings (partner_id, remote_id);
CREATE INDEX ix_remote_listings_created_at ON remote_listings (created_at);
