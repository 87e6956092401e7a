-- elBasar 0019: the hotline (Features/Hotline). "Je ne trouve pas ce que je cherche": requests to
-- the facilitators, the journal of what they did with the minutes it took, and what they suggested.

CREATE TABLE hotline_requests (
    id uuid NOT NULL,
    requester_id uuid,
    name character varying(200) NOT NULL,
    email character varying(256),
    what character varying(2000) NOT NULL,
    commune character varying(200),
    urgency character varying(20) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    assigned_to_id uuid,
    status character varying(20) NOT NULL,
    closed_at timestamp with time zone,
    CONSTRAINT pk_hotline_requests PRIMARY KEY (id),
    CONSTRAINT fk_hotline_requests_requester_id FOREIGN KEY (requester_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_hotline_requests_assigned_to_id FOREIGN KEY (assigned_to_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_hotline_requests_status_created_at ON hotline_requests (status, created_at);

CREATE INDEX ix_hotline_requests_requester_id ON hotline_requests (requester_id);

CREATE INDEX ix_hotline_requests_assigned_to_id ON hotline_requests (assigned_to_id);

CREATE TABLE hotline_entries (
    id uuid NOT NULL,
    request_id uuid NOT NULL,
    author_id uuid,
    author_name character varying(200) NOT NULL,
    kind character varying(20) NOT NULL,
    text character varying(4000),
    minutes integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_hotline_entries PRIMARY KEY (id),
    CONSTRAINT fk_hotline_entries_request_id FOREIGN KEY (request_id) REFERENCES hotline_requests (id) ON DELETE CASCADE,
    CONSTRAINT fk_hotline_entries_author_id FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_hotline_entries_request_id_created_at ON hotline_entries (request_id, created_at);

CREATE INDEX ix_hotline_entries_author_id ON hotline_entries (author_id);

CREATE TABLE hotline_suggestions (
    id uuid NOT NULL,
    request_id uuid NOT NULL,
    entry_id uuid NOT NULL,
    listing_id uuid,
    organization_id uuid,
    title character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_hotline_suggestions PRIMARY KEY (id),
    CONSTRAINT fk_hotline_suggestions_request_id FOREIGN KEY (request_id) REFERENCES hotline_requests (id) ON DELETE CASCADE,
    CONSTRAINT fk_hotline_suggestions_entry_id FOREIGN KEY (entry_id) REFERENCES hotline_entries (id) ON DELETE CASCADE,
    CONSTRAINT fk_hotline_suggestions_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE SET NULL,
    CONSTRAINT fk_hotline_suggestions_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE SET NULL
);

CREATE INDEX ix_hotline_suggestions_request_id ON hotline_suggestions (request_id);

CREATE INDEX ix_hotline_suggestions_entry_id ON hotline_suggestions (entry_id);

CREATE INDEX ix_hotline_suggestions_listing_id ON hotline_suggestions (listing_id);

CREATE INDEX ix_hotline_suggestions_organization_id ON hotline_suggestions (organization_id);
