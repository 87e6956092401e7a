-- elBasar 0020: an organisation's logo (Features/Directory/Logo), kept in the database so that
-- every web node serves it; one an organisation, replaced by a new row on each upload.

CREATE TABLE organization_logos (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    content_type character varying(20) NOT NULL,
    bytes bytea NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_organization_logos PRIMARY KEY (id),
    CONSTRAINT fk_organization_logos_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_organization_logos_organization_id ON organization_logos (organization_id);
