-- elBasar 0023: exchanges between members, their recommendations, and the facilitators' follow-up
-- contacts (Features/Exchanges). An exchange carries its month, both parties' territories and legal
-- forms and the distance between them, so the impact dashboard is one scan of one table.

CREATE TABLE exchanges (
    id uuid NOT NULL,
    from_organization_id uuid NOT NULL,
    to_organization_id uuid NOT NULL,
    pair_low_id uuid NOT NULL,
    pair_high_id uuid NOT NULL,
    description character varying(2000) NOT NULL,
    mode character varying(40) NOT NULL,
    market boolean NOT NULL,
    category character varying(40) NOT NULL,
    date date NOT NULL,
    month integer NOT NULL,
    amount_cents bigint,
    estimated_value_cents bigint,
    minutes integer,
    days integer,
    listing_id uuid,
    conversation_id uuid,
    source_kind character varying(20),
    source_id uuid,
    status character varying(20) NOT NULL,
    dispute_comment character varying(2000),
    confirmed_at timestamp with time zone,
    confirmed_by_id uuid,
    confirmed_by_facilitator boolean NOT NULL,
    first_of_pair boolean NOT NULL,
    from_departement character varying(3),
    to_departement character varying(3),
    from_epci character varying(9),
    to_epci character varying(9),
    from_legal_form character varying(40),
    to_legal_form character varying(40),
    distance_km double precision,
    declared_by_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_exchanges PRIMARY KEY (id),
    CONSTRAINT fk_exchanges_from_organization_id FOREIGN KEY (from_organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_exchanges_to_organization_id FOREIGN KEY (to_organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_exchanges_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE SET NULL,
    CONSTRAINT fk_exchanges_declared_by_id FOREIGN KEY (declared_by_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_exchanges_confirmed_by_id FOREIGN KEY (confirmed_by_id) REFERENCES users (id) ON DELETE SET NULL
);

-- The dashboard reads the confirmed exchanges of a period through three covering indexes (by month,
-- mode and category; by places and legal forms; by pairs), so it can answer from index-only scans.
CREATE INDEX ix_exchanges_status_date ON exchanges (status, date) INCLUDE (month, mode, category, market, amount_cents, minutes, estimated_value_cents, first_of_pair, distance_km);

CREATE INDEX ix_exchanges_impact_places ON exchanges (status, date) INCLUDE (market, from_epci, to_epci, from_departement, to_departement, from_legal_form, to_legal_form, amount_cents, minutes, estimated_value_cents);

CREATE INDEX ix_exchanges_impact_pairs ON exchanges (status, date) INCLUDE (pair_low_id, pair_high_id);

CREATE INDEX ix_exchanges_pair_low_id_pair_high_id_date ON exchanges (pair_low_id, pair_high_id, date);

CREATE INDEX ix_exchanges_from_organization_id_date ON exchanges (from_organization_id, date);

CREATE INDEX ix_exchanges_to_organization_id_date ON exchanges (to_organization_id, date);

CREATE INDEX ix_exchanges_listing_id ON exchanges (listing_id);

CREATE INDEX ix_exchanges_declared_by_id ON exchanges (declared_by_id);

CREATE INDEX ix_exchanges_confirmed_by_id ON exchanges (confirmed_by_id);

CREATE INDEX ix_exchanges_source_kind_source_id ON exchanges (source_kind, source_id);

CREATE TABLE recommendations (
    id uuid NOT NULL,
    exchange_id uuid NOT NULL,
    author_organization_id uuid NOT NULL,
    subject_organization_id uuid NOT NULL,
    author_id uuid,
    rating integer NOT NULL,
    comment character varying(2000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    hidden boolean NOT NULL,
    answer character varying(2000),
    answered_at timestamp with time zone,
    answered_by_id uuid,
    CONSTRAINT pk_recommendations PRIMARY KEY (id),
    CONSTRAINT fk_recommendations_exchange_id FOREIGN KEY (exchange_id) REFERENCES exchanges (id) ON DELETE CASCADE,
    CONSTRAINT fk_recommendations_author_organization_id FOREIGN KEY (author_organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_recommendations_subject_organization_id FOREIGN KEY (subject_organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_recommendations_author_id FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_recommendations_answered_by_id FOREIGN KEY (answered_by_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE UNIQUE INDEX ix_recommendations_exchange_id_author_organization_id ON recommendations (exchange_id, author_organization_id);

CREATE INDEX ix_recommendations_subject_organization_id_created_at ON recommendations (subject_organization_id, created_at);

CREATE INDEX ix_recommendations_author_organization_id ON recommendations (author_organization_id);

CREATE INDEX ix_recommendations_author_id ON recommendations (author_id);

CREATE INDEX ix_recommendations_answered_by_id ON recommendations (answered_by_id);

CREATE TABLE member_contacts (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    contacted_on date NOT NULL,
    note character varying(1000),
    by_id uuid,
    by_name character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_member_contacts PRIMARY KEY (id),
    CONSTRAINT fk_member_contacts_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_member_contacts_by_id FOREIGN KEY (by_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_member_contacts_organization_id_contacted_on ON member_contacts (organization_id, contacted_on);

CREATE INDEX ix_member_contacts_by_id ON member_contacts (by_id);
