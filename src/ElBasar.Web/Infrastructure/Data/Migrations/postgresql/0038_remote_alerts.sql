-- elBasar 0038: saved-search alerts about the partner installations' listings (Features/Alerts).
-- A trigger queues every remote listing the federation sync inserts or refreshes in
-- "alert_remote_queue", which the alert worker empties; "saved_search_remote_matches" records each
-- remote listing once per search, by its partner and its id there, so a listing withdrawn and
-- published again at the source is not sent twice.

CREATE TABLE alert_remote_queue (
    id bigint GENERATED ALWAYS AS IDENTITY,
    remote_listing_id uuid NOT NULL,
    CONSTRAINT pk_alert_remote_queue PRIMARY KEY (id)
);

-- Nothing is queued while nobody has saved a search.
CREATE FUNCTION alerts_queue_remote_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM saved_searches) THEN
        INSERT INTO alert_remote_queue (remote_listing_id) VALUES (NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER alerts_remote_listing_queue AFTER INSERT OR UPDATE ON remote_listings
FOR EACH ROW EXECUTE FUNCTION alerts_queue_remote_listing();

CREATE TABLE saved_search_remote_matches (
    saved_search_id uuid NOT NULL,
    partner_id uuid NOT NULL,
    remote_id character varying(100) NOT NULL,
    matched_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_saved_search_remote_matches PRIMARY KEY (saved_search_id, partner_id, remote_id),
    CONSTRAINT fk_saved_search_remote_matches_saved_search_id FOREIGN KEY (saved_search_id) REFERENCES saved_searches (id) ON DELETE CASCADE,
    CONSTRAINT fk_saved_search_remote_matches_partner_id FOREIGN KEY (partner_id) REFERENCES partner_installations (id) ON DELETE CASCADE
);

CREATE INDEX ix_saved_search_remote_matches_partner_id_remote_id ON saved_search_remote_matches (partner_id, remote_id);

CREATE INDEX ix_saved_search_remote_matches_sent_at ON saved_search_remote_matches (saved_search_id) WHERE sent_at IS NULL;
