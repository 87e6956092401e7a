-- elBasar 0046: a network's logo and its own categories (Features/Networks). The logo is kept in the
-- database, like organisation logos, so that every web node serves it; one a network, replaced by a
-- new row on each upload, with the text that stands for it. A network's categories are added to the
-- shared taxonomy for that network only: a slug is unique across networks and never one of the
-- shared taxonomy's; parent_slug names the shared category a sub-category sits under.

CREATE TABLE network_logos (
    id uuid NOT NULL,
    network_id uuid NOT NULL,
    content_type character varying(20) NOT NULL,
    bytes bytea NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    alt_text character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_network_logos PRIMARY KEY (id),
    CONSTRAINT fk_network_logos_network_id FOREIGN KEY (network_id) REFERENCES networks (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_network_logos_network_id ON network_logos (network_id);

CREATE TABLE network_categories (
    slug character varying(40) NOT NULL,
    network_id uuid NOT NULL,
    label character varying(100) NOT NULL,
    parent_slug character varying(40),
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_network_categories PRIMARY KEY (slug),
    CONSTRAINT fk_network_categories_network_id FOREIGN KEY (network_id) REFERENCES networks (id) ON DELETE CASCADE
);

CREATE INDEX ix_network_categories_network_id ON network_categories (network_id);
