-- elBasar 0001: the foundation. Organisations, networks, listings, the taxonomy, and the
-- listing full-text index: a generated tsvector behind a GIN index, always in step with the row.

-- Both extensions are "trusted": the database owner may create them without being superuser.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE categories (
    slug character varying(40) NOT NULL,
    label character varying(200) NOT NULL,
    position integer NOT NULL,
    CONSTRAINT pk_categories PRIMARY KEY (slug)
);

CREATE TABLE exchange_modes (
    slug character varying(40) NOT NULL,
    market boolean NOT NULL,
    label character varying(200) NOT NULL,
    position integer NOT NULL,
    CONSTRAINT pk_exchange_modes PRIMARY KEY (slug)
);

CREATE TABLE legal_forms (
    slug character varying(40) NOT NULL,
    label character varying(200) NOT NULL,
    position integer NOT NULL,
    CONSTRAINT pk_legal_forms PRIMARY KEY (slug)
);

CREATE TABLE networks (
    id uuid NOT NULL,
    slug character varying(60) NOT NULL,
    name character varying(200) NOT NULL,
    is_home boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_networks PRIMARY KEY (id)
);

CREATE TABLE organizations (
    id uuid NOT NULL,
    external_id character varying(100),
    name character varying(200) NOT NULL,
    kind character varying(20) NOT NULL,
    legal_form character varying(40),
    description character varying(10000),
    commune_insee character varying(5),
    commune character varying(200),
    postal_code character varying(10),
    latitude double precision,
    longitude double precision,
    email character varying(320),
    phone character varying(40),
    website character varying(500),
    employees integer,
    status character varying(20) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_organizations PRIMARY KEY (id)
);

CREATE TABLE listings (
    id uuid NOT NULL,
    external_id character varying(100),
    network_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    kind character varying(20) NOT NULL,
    title character varying(150) NOT NULL,
    description character varying(10000),
    category character varying(40) NOT NULL,
    price numeric(12,2),
    commune_insee character varying(5),
    commune character varying(200),
    latitude double precision,
    longitude double precision,
    status character varying(20) NOT NULL,
    visibility character varying(20) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    closed_at timestamp with time zone,
    search_title text NOT NULL,
    search_body text NOT NULL,
    CONSTRAINT pk_listings PRIMARY KEY (id),
    CONSTRAINT fk_listings_network_id FOREIGN KEY (network_id) REFERENCES networks (id) ON DELETE RESTRICT,
    CONSTRAINT fk_listings_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE network_memberships (
    network_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    is_member boolean NOT NULL,
    since timestamp with time zone NOT NULL,
    CONSTRAINT pk_network_memberships PRIMARY KEY (network_id, organization_id),
    CONSTRAINT fk_network_memberships_network_id FOREIGN KEY (network_id) REFERENCES networks (id) ON DELETE CASCADE,
    CONSTRAINT fk_network_memberships_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE organization_activities (
    organization_id uuid NOT NULL,
    position integer NOT NULL,
    label character varying(100) NOT NULL,
    CONSTRAINT pk_organization_activities PRIMARY KEY (organization_id, position),
    CONSTRAINT fk_organization_activities_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE TABLE listing_exchange_modes (
    listing_id uuid NOT NULL,
    mode character varying(40) NOT NULL,
    CONSTRAINT pk_listing_exchange_modes PRIMARY KEY (listing_id, mode),
    CONSTRAINT fk_listing_exchange_modes_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE CASCADE
);

CREATE INDEX ix_listing_exchange_modes_mode ON listing_exchange_modes (mode);

CREATE UNIQUE INDEX ix_listings_external_id ON listings (external_id);

CREATE INDEX ix_listings_latitude_longitude ON listings (latitude, longitude);

CREATE INDEX ix_listings_network_id ON listings (network_id);

CREATE INDEX ix_listings_organization_id_status ON listings (organization_id, status);

CREATE INDEX ix_listings_status_created_at ON listings (status, created_at);

CREATE INDEX ix_network_memberships_organization_id ON network_memberships (organization_id);

CREATE UNIQUE INDEX ix_networks_slug ON networks (slug);

CREATE INDEX ix_organization_activities_label ON organization_activities (label);

CREATE INDEX ix_organizations_commune_insee ON organizations (commune_insee);

CREATE UNIQUE INDEX ix_organizations_external_id ON organizations (external_id);

CREATE INDEX ix_organizations_legal_form ON organizations (legal_form);

-- The search columns hold text already normalised by the search analyser, shared with SQLite so
-- both providers find the same listings; this configuration also folds accents of raw input.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'elbasar') THEN
        CREATE TEXT SEARCH CONFIGURATION elbasar (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION elbasar
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
    END IF;
END
$$;

ALTER TABLE listings ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('elbasar'::regconfig, search_title), 'A') ||
    setweight(to_tsvector('elbasar'::regconfig, search_body), 'B')
) STORED;

CREATE INDEX ix_listings_search_vector ON listings USING GIN (search_vector);

-- The same great-circle distance as GeoPoint.DistanceKmTo (SQLite gets it from the connection).
CREATE FUNCTION elbasar_distance_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
    SELECT 2 * 6371.0088 * asin(least(1, sqrt(
        power(sin(radians(lat2 - lat1) / 2), 2) +
        cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))))
$$;
