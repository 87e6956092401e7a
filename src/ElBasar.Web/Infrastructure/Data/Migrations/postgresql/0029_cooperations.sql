-- elBasar 0029: cooperations between the network's organisations (Features/Cooperations), sorted in
-- the four kinds of the departmental guide, and the directory's organisations that take part in them.
-- Other partners (a commune, a firm outside the directory) are free text, one per line.

CREATE TABLE cooperations (
    id uuid NOT NULL,
    title character varying(200) NOT NULL,
    kind character varying(30) NOT NULL,
    sector character varying(40) NOT NULL,
    territory_level character varying(20) NOT NULL,
    territory_code character varying(10) NOT NULL,
    outside_partners character varying(2000),
    origin character varying(4000) NOT NULL,
    governance character varying(4000) NOT NULL,
    stakes character varying(4000) NOT NULL,
    working_together character varying(4000) NOT NULL,
    contact_name character varying(200) NOT NULL,
    contact_email character varying(320),
    contact_phone character varying(40),
    starts_on date NOT NULL,
    ends_on date,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_cooperations PRIMARY KEY (id),
    CONSTRAINT fk_cooperations_created_by_user_id FOREIGN KEY (created_by_user_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_cooperations_starts_on_ends_on ON cooperations (starts_on, ends_on);
CREATE INDEX ix_cooperations_created_by_user_id ON cooperations (created_by_user_id);

CREATE TABLE cooperation_participants (
    cooperation_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    CONSTRAINT pk_cooperation_participants PRIMARY KEY (cooperation_id, organization_id),
    CONSTRAINT fk_cooperation_participants_cooperation_id FOREIGN KEY (cooperation_id) REFERENCES cooperations (id) ON DELETE CASCADE,
    CONSTRAINT fk_cooperation_participants_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);

CREATE INDEX ix_cooperation_participants_organization_id ON cooperation_participants (organization_id);
