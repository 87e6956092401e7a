-- elBasar 0039: an organisation's profile shows its live listings a page at a time, newest
-- first (Features/Directory/Profile). Busy organisations have thousands of them: the index
-- reads one page in date order instead of sorting them all.

DROP INDEX ix_listings_organization_id_status;

CREATE INDEX ix_listings_organization_id_status_created_at ON listings (organization_id, status, created_at);
