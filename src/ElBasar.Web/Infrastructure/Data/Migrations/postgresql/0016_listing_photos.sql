-- elBasar 0016: listing photos (Features/Listings/Photos), kept in the database so that every web
-- node serves them, and the mark of the expiry reminder on listings (Features/Listings/Expiry).

CREATE TABLE listing_photos (
    id uuid NOT NULL,
    listing_id uuid NOT NULL,
    position integer NOT NULL,
    content_type character varying(20) NOT NULL,
    bytes bytea NOT NULL,
    size integer NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    description character varying(200),
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_listing_photos PRIMARY KEY (id),
    CONSTRAINT fk_listing_photos_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE CASCADE
);

-- Already compressed: TOAST would only spend time trying.
ALTER TABLE listing_photos ALTER COLUMN bytes SET STORAGE EXTERNAL;

CREATE INDEX ix_listing_photos_listing_id_position ON listing_photos (listing_id, position);

-- When the reminder went, and for which expiry: a renewed listing (new expires_at) is reminded again.
ALTER TABLE listings ADD COLUMN expiry_reminder_sent_at timestamp with time zone;

ALTER TABLE listings ADD COLUMN expiry_reminded_for timestamp with time zone;

-- The reminder's scan: published listings by expiry.
CREATE INDEX IF NOT EXISTS ix_listings_status_expires_at ON listings (status, expires_at);
