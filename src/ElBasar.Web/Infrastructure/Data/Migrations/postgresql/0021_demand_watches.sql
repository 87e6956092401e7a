-- elBasar 0021: organisations that asked to hear of the demands their offers answer
-- (Features/Alerts, DemandWatch). "demand_watch_matches" records each demand once per
-- organisation, with the organisation's offer that answers it, until it is mailed to its owners.

CREATE TABLE demand_watches (
    organization_id uuid NOT NULL,
    frequency character varying(20) NOT NULL,
    next_digest_at timestamp with time zone,
    secret character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_sent_at timestamp with time zone,
    CONSTRAINT pk_demand_watches PRIMARY KEY (organization_id),
    CONSTRAINT fk_demand_watches_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE demand_watch_matches (
    organization_id uuid NOT NULL,
    demand_id uuid NOT NULL,
    offer_id uuid NOT NULL,
    matched_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_demand_watch_matches PRIMARY KEY (organization_id, demand_id),
    CONSTRAINT fk_demand_watch_matches_organization_id FOREIGN KEY (organization_id) REFERENCES demand_watches (organization_id) ON DELETE CASCADE,
    CONSTRAINT fk_demand_watch_matches_demand_id FOREIGN KEY (demand_id) REFERENCES listings (id) ON DELETE CASCADE,
    CONSTRAINT fk_demand_watch_matches_offer_id FOREIGN KEY (offer_id) REFERENCES listings (id) ON DELETE CASCADE
);

CREATE INDEX ix_demand_watch_matches_demand_id ON demand_watch_matches (demand_id);

CREATE INDEX ix_demand_watch_matches_offer_id ON demand_watch_matches (offer_id);

-- A listing is now news for watching organisations too: queued when anybody saved a search or
-- watches for demands (0017's trigger function, with the second condition).
CREATE OR REPLACE FUNCTION alerts_queue_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'published'
        AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status OR OLD.visibility IS DISTINCT FROM NEW.visibility
             OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
        AND (EXISTS (SELECT 1 FROM saved_searches) OR EXISTS (SELECT 1 FROM demand_watches)) THEN
        INSERT INTO alert_listing_queue (listing_id) VALUES (NEW.id);
    END IF;
    RETURN NULL;
END
$$;
