-- elBasar 0012: search at scale. Searches without text (the newest first, by category, kind,
-- place or radius) and their counts read these indexes alone: every column their conditions
-- read is in the index (INCLUDE), so once autovacuum has marked the pages all-visible no
-- listing row is fetched, and the index, far denser than the table, stays in memory. Searches
-- with text combine the category one with the full-text index.

CREATE INDEX ix_listings_created_at_search ON listings (created_at)
    INCLUDE (id, status, visibility, expires_at, organization_id, kind, category, latitude, longitude, commune_insee);
CREATE INDEX ix_listings_category_created_at_search ON listings (category, created_at)
    INCLUDE (id, status, visibility, expires_at, organization_id, kind, latitude, longitude, commune_insee);

-- Every search leaves out the listings of hidden organisations: few, found through this index.
CREATE INDEX ix_organizations_hidden ON organizations (id) WHERE status <> 'active';

-- A radius around a commune starts from the places known in it (ListingSearch.LocateAsync).
CREATE INDEX ix_listings_commune_insee ON listings (commune_insee);
