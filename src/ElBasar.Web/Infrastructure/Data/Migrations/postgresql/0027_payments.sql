-- elBasar 0027: what non-members pay to publish, and anyone to feature a listing for a month
-- (Features/Membership, Payment); a featured listing is shown first until "featured_until".

ALTER TABLE listings ADD COLUMN featured_until timestamp with time zone;

CREATE INDEX ix_listings_featured_until ON listings (featured_until);

CREATE TABLE payments (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    listing_id uuid NOT NULL,
    purpose character varying(20) NOT NULL,
    amount_eur numeric(10,2) NOT NULL,
    status character varying(20) NOT NULL,
    provider character varying(40) NOT NULL,
    paid_with character varying(20),
    created_at timestamp with time zone NOT NULL,
    settled_at timestamp with time zone,
    settled_by_id uuid,
    CONSTRAINT pk_payments PRIMARY KEY (id),
    CONSTRAINT fk_payments_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_payments_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE CASCADE,
    CONSTRAINT fk_payments_settled_by_id FOREIGN KEY (settled_by_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_payments_status_created_at ON payments (status, created_at);

CREATE INDEX ix_payments_listing_id ON payments (listing_id);

CREATE INDEX ix_payments_organization_id ON payments (organization_id);

CREATE INDEX ix_payments_settled_by_id ON payments (settled_by_id);
