-- elBasar 0031: the admins' back office (Features/Administration): the audit log of every admin and
-- facilitator action, the site's settings and logo, the taxonomy's additions and new labels over the
-- contract's built-in terms (Features/Listings), and thesaurus groups edited or removed by admins.

CREATE TABLE audit_entries (
    id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_id uuid,
    actor_name character varying(200) NOT NULL,
    action character varying(60) NOT NULL,
    subject_kind character varying(40) NOT NULL,
    subject_id character varying(100),
    summary character varying(1000) NOT NULL,
    details text,
    CONSTRAINT pk_audit_entries PRIMARY KEY (id),
    CONSTRAINT fk_audit_entries_actor_id FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_audit_entries_at ON audit_entries (at);

CREATE INDEX ix_audit_entries_actor_id ON audit_entries (actor_id);

CREATE INDEX ix_audit_entries_action ON audit_entries (action);

CREATE INDEX ix_audit_entries_subject_kind_subject_id ON audit_entries (subject_kind, subject_id);

CREATE TABLE site_settings (
    id integer NOT NULL,
    site_name character varying(100),
    primary_colour character varying(7),
    accent_colour character varying(7),
    logo_id uuid,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_site_settings PRIMARY KEY (id)
);

CREATE TABLE site_logos (
    id uuid NOT NULL,
    content_type character varying(20) NOT NULL,
    bytes bytea NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_site_logos PRIMARY KEY (id)
);

CREATE TABLE taxonomy_entries (
    kind character varying(20) NOT NULL,
    slug character varying(40) NOT NULL,
    label character varying(200) NOT NULL,
    market boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_taxonomy_entries PRIMARY KEY (kind, slug)
);

ALTER TABLE synonym_groups ADD COLUMN seed_terms character varying(2000);

ALTER TABLE synonym_groups ADD COLUMN removed_at timestamp with time zone;

UPDATE synonym_groups SET seed_terms = terms WHERE from_seed;
