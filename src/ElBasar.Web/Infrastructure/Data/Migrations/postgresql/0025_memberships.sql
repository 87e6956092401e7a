-- elBasar 0025: yearly memberships of the network (Features/Membership), the fee scale admins
-- edit, and the receipt counter that numbers payments in order within each year.

CREATE TABLE membership_tiers (
    slug character varying(40) NOT NULL,
    label character varying(100) NOT NULL,
    applies_to character varying(20) NOT NULL,
    fee_eur numeric(10,2) NOT NULL,
    CONSTRAINT pk_membership_tiers PRIMARY KEY (slug)
);

CREATE UNIQUE INDEX ix_membership_tiers_applies_to ON membership_tiers (applies_to);

-- The network's 2020 scale.
INSERT INTO membership_tiers (slug, label, applies_to, fee_eur) VALUES
    ('individuel', 'Adhésion individuelle', 'individual', 20),
    ('structure', 'Structure sans salarié', 'noemployees', 40),
    ('structure-employeuse', 'Structure avec salariés', 'employees', 100);

CREATE TABLE memberships (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    year integer NOT NULL,
    valid_until date NOT NULL,
    status character varying(20) NOT NULL,
    tier character varying(40) NOT NULL,
    fee_eur numeric(10,2) NOT NULL,
    solidarity boolean NOT NULL,
    paid_with character varying(20),
    paid_at timestamp with time zone,
    receipt_number character varying(20),
    charter_version integer,
    note character varying(1000),
    recorded_by_id uuid,
    recorded_at timestamp with time zone NOT NULL,
    reminded30_at timestamp with time zone,
    reminded7_at timestamp with time zone,
    CONSTRAINT pk_memberships PRIMARY KEY (id),
    CONSTRAINT fk_memberships_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_memberships_recorded_by_id FOREIGN KEY (recorded_by_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE UNIQUE INDEX ix_memberships_organization_id_year ON memberships (organization_id, year);

CREATE UNIQUE INDEX ix_memberships_receipt_number ON memberships (receipt_number);

CREATE INDEX ix_memberships_valid_until ON memberships (valid_until);

CREATE INDEX ix_memberships_recorded_by_id ON memberships (recorded_by_id);

CREATE TABLE receipt_counters (
    year integer NOT NULL,
    last integer NOT NULL,
    CONSTRAINT pk_receipt_counters PRIMARY KEY (year)
);
