-- elBasar 0028: the network's library (Features/Resources): studies, guides, reports, minutes,
-- digests, each an uploaded file or a link, public or for members. A file's bytes live in their
-- own table, in the database, so that every web node serves them and lists never read them.

CREATE TABLE resources (
    id uuid NOT NULL,
    title character varying(200) NOT NULL,
    summary character varying(2000) NOT NULL,
    kind character varying(20) NOT NULL,
    published_on date NOT NULL,
    audience character varying(20) NOT NULL,
    link character varying(2000),
    file_name character varying(200),
    file_content_type character varying(100),
    file_size integer,
    added_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_resources PRIMARY KEY (id),
    CONSTRAINT fk_resources_added_by_user_id FOREIGN KEY (added_by_user_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_resources_published_on ON resources (published_on);
CREATE INDEX ix_resources_added_by_user_id ON resources (added_by_user_id);

CREATE TABLE resource_themes (
    resource_id uuid NOT NULL,
    theme character varying(40) NOT NULL,
    CONSTRAINT pk_resource_themes PRIMARY KEY (resource_id, theme),
    CONSTRAINT fk_resource_themes_resource_id FOREIGN KEY (resource_id) REFERENCES resources (id) ON DELETE CASCADE
);

CREATE INDEX ix_resource_themes_theme ON resource_themes (theme);

CREATE TABLE resource_files (
    resource_id uuid NOT NULL,
    bytes bytea NOT NULL,
    CONSTRAINT pk_resource_files PRIMARY KEY (resource_id),
    CONSTRAINT fk_resource_files_resource_id FOREIGN KEY (resource_id) REFERENCES resources (id) ON DELETE CASCADE
);
