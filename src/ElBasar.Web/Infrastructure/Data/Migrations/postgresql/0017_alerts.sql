-- elBasar 0017: saved searches and alerts (Features/Alerts). A saved search keeps its query as
-- typed and as analysed; "saved_search_keys" indexes the live ones by the words (or, without
-- words, the filter) a listing must have, so a new listing finds its saved searches by probing
-- that index instead of running each search. A trigger queues every listing that becomes visible
-- (published, re-published, visibility or expiry changed, edited) in "alert_listing_queue",
-- which the alert worker empties; "saved_search_matches" records each listing once per search.

CREATE TABLE saved_searches (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    query_json character varying(4000) NOT NULL,
    frequency character varying(20) NOT NULL,
    paused boolean NOT NULL,
    analysis character varying(4000) NOT NULL,
    kind character varying(20),
    categories character varying(1000) NOT NULL,
    modes character varying(1000) NOT NULL,
    market boolean,
    territory character varying(20),
    commune_filter character varying(5),
    latitude double precision,
    longitude double precision,
    radius_km double precision,
    feed_token character varying(64) NOT NULL,
    secret character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    next_digest_at timestamp with time zone,
    last_sent_at timestamp with time zone,
    CONSTRAINT pk_saved_searches PRIMARY KEY (id),
    CONSTRAINT fk_saved_searches_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_saved_searches_user_id ON saved_searches (user_id);

CREATE UNIQUE INDEX ix_saved_searches_feed_token ON saved_searches (feed_token);

CREATE TABLE saved_search_keys (
    saved_search_id uuid NOT NULL,
    key character varying(100) NOT NULL,
    kind character varying(20),
    min_lat double precision,
    max_lat double precision,
    min_lon double precision,
    max_lon double precision,
    CONSTRAINT pk_saved_search_keys PRIMARY KEY (saved_search_id, key),
    CONSTRAINT fk_saved_search_keys_saved_search_id FOREIGN KEY (saved_search_id) REFERENCES saved_searches (id) ON DELETE CASCADE
);

CREATE INDEX ix_saved_search_keys_key ON saved_search_keys (key);

CREATE TABLE saved_search_matches (
    saved_search_id uuid NOT NULL,
    listing_id uuid NOT NULL,
    matched_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_saved_search_matches PRIMARY KEY (saved_search_id, listing_id),
    CONSTRAINT fk_saved_search_matches_saved_search_id FOREIGN KEY (saved_search_id) REFERENCES saved_searches (id) ON DELETE CASCADE,
    CONSTRAINT fk_saved_search_matches_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE CASCADE
);

CREATE INDEX ix_saved_search_matches_listing_id ON saved_search_matches (listing_id);

CREATE INDEX ix_saved_search_matches_sent_at ON saved_search_matches (saved_search_id) WHERE sent_at IS NULL;

CREATE TABLE alert_listing_queue (
    id bigint GENERATED ALWAYS AS IDENTITY,
    listing_id uuid NOT NULL,
    CONSTRAINT pk_alert_listing_queue PRIMARY KEY (id)
);

-- Nothing is queued while nobody has saved a search: imports into a fresh site pay nothing.
CREATE FUNCTION alerts_queue_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'published'
        AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status OR OLD.visibility IS DISTINCT FROM NEW.visibility
             OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
        AND EXISTS (SELECT 1 FROM saved_searches) THEN
        INSERT INTO alert_listing_queue (listing_id) VALUES (NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER alerts_listing_queue AFTER INSERT OR UPDATE ON listings
FOR EACH ROW EXECUTE FUNCTION alerts_queue_listing();
