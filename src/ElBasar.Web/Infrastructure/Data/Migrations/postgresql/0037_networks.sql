-- elBasar 0037: several networks on one installation (Features/Networks). Each network gets its
-- colours, charter and membership texts, an optional host name and the widest visibility its
-- listings may take; its facilitators; and the partnerships two networks agree on. An
-- organisation's request to join a network other than the home one is its network_memberships
-- row with is_member false, until a facilitator of that network accepts it.

ALTER TABLE networks ADD COLUMN primary_colour character varying(7);
ALTER TABLE networks ADD COLUMN accent_colour character varying(7);
ALTER TABLE networks ADD COLUMN charter character varying(20000);
ALTER TABLE networks ADD COLUMN membership_rules character varying(20000);
ALTER TABLE networks ADD COLUMN host_name character varying(253);
ALTER TABLE networks ADD COLUMN widest_visibility character varying(20) NOT NULL DEFAULT 'everyone';

CREATE UNIQUE INDEX ix_networks_host_name ON networks (host_name);

CREATE TABLE network_facilitators (
    network_id uuid NOT NULL,
    user_id uuid NOT NULL,
    since timestamp with time zone NOT NULL,
    CONSTRAINT pk_network_facilitators PRIMARY KEY (network_id, user_id),
    CONSTRAINT fk_network_facilitators_network_id FOREIGN KEY (network_id) REFERENCES networks (id) ON DELETE CASCADE,
    CONSTRAINT fk_network_facilitators_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_network_facilitators_user_id ON network_facilitators (user_id);

CREATE TABLE network_partnerships (
    id uuid NOT NULL,
    proposer_network_id uuid NOT NULL,
    partner_network_id uuid NOT NULL,
    shares_listings boolean NOT NULL,
    shares_items boolean NOT NULL,
    shares_events boolean NOT NULL,
    direction character varying(20) NOT NULL,
    audience character varying(20) NOT NULL,
    status character varying(20) NOT NULL,
    proposed_at timestamp with time zone NOT NULL,
    decided_at timestamp with time zone,
    ended_at timestamp with time zone,
    CONSTRAINT pk_network_partnerships PRIMARY KEY (id),
    CONSTRAINT fk_network_partnerships_proposer_network_id FOREIGN KEY (proposer_network_id) REFERENCES networks (id) ON DELETE CASCADE,
    CONSTRAINT fk_network_partnerships_partner_network_id FOREIGN KEY (partner_network_id) REFERENCES networks (id) ON DELETE CASCADE
);

CREATE INDEX ix_network_partnerships_proposer_network_id ON network_partnerships (proposer_network_id);
CREATE INDEX ix_network_partnerships_partner_network_id ON network_partnerships (partner_network_id);
