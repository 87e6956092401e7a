-- elBasar 0018: conversations between members (Features/Messaging): a person, or an organisation,
-- writes to an organisation; who read what until when; senders an organisation blocked; and
-- conversations reported to the network's facilitators.

CREATE TABLE conversations (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    starter_user_id uuid,
    starter_organization_id uuid,
    listing_id uuid,
    subject character varying(200) NOT NULL,
    introduced_by_id uuid,
    created_at timestamp with time zone NOT NULL,
    last_message_at timestamp with time zone NOT NULL,
    starter_archived boolean NOT NULL,
    receiver_archived boolean NOT NULL,
    CONSTRAINT pk_conversations PRIMARY KEY (id),
    CONSTRAINT fk_conversations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_conversations_starter_organization_id FOREIGN KEY (starter_organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_conversations_starter_user_id FOREIGN KEY (starter_user_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_conversations_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE SET NULL
);

CREATE INDEX ix_conversations_organization_id_last_message_at ON conversations (organization_id, last_message_at);

CREATE INDEX ix_conversations_starter_organization_id_last_message_at ON conversations (starter_organization_id, last_message_at);

CREATE INDEX ix_conversations_starter_user_id_created_at ON conversations (starter_user_id, created_at);

CREATE INDEX ix_conversations_listing_id ON conversations (listing_id);

CREATE TABLE conversation_messages (
    id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    author_id uuid,
    side character varying(20) NOT NULL,
    body character varying(5000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_conversation_messages PRIMARY KEY (id),
    CONSTRAINT fk_conversation_messages_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT fk_conversation_messages_author_id FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_conversation_messages_conversation_id_created_at ON conversation_messages (conversation_id, created_at);

CREATE INDEX ix_conversation_messages_author_id ON conversation_messages (author_id);

CREATE TABLE conversation_reads (
    conversation_id uuid NOT NULL,
    user_id uuid NOT NULL,
    read_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_conversation_reads PRIMARY KEY (conversation_id, user_id),
    CONSTRAINT fk_conversation_reads_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT fk_conversation_reads_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_conversation_reads_user_id ON conversation_reads (user_id);

CREATE TABLE conversation_blocks (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    blocked_user_id uuid,
    blocked_organization_id uuid,
    conversation_id uuid,
    blocked_by_id uuid,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_conversation_blocks PRIMARY KEY (id),
    CONSTRAINT fk_conversation_blocks_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_conversation_blocks_blocked_organization_id FOREIGN KEY (blocked_organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_conversation_blocks_blocked_user_id FOREIGN KEY (blocked_user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_conversation_blocks_blocked_by_id FOREIGN KEY (blocked_by_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_conversation_blocks_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE SET NULL
);

CREATE INDEX ix_conversation_blocks_organization_id_blocked_user_id ON conversation_blocks (organization_id, blocked_user_id);

CREATE INDEX ix_conversation_blocks_organization_id_blocked_organization_id ON conversation_blocks (organization_id, blocked_organization_id);

CREATE INDEX ix_conversation_blocks_blocked_user_id ON conversation_blocks (blocked_user_id);

CREATE INDEX ix_conversation_blocks_blocked_organization_id ON conversation_blocks (blocked_organization_id);

CREATE INDEX ix_conversation_blocks_blocked_by_id ON conversation_blocks (blocked_by_id);

CREATE INDEX ix_conversation_blocks_conversation_id ON conversation_blocks (conversation_id);

CREATE TABLE conversation_reports (
    id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    reporter_id uuid NOT NULL,
    reason character varying(20) NOT NULL,
    details character varying(2000),
    created_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    closed_by_id uuid,
    CONSTRAINT pk_conversation_reports PRIMARY KEY (id),
    CONSTRAINT fk_conversation_reports_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT fk_conversation_reports_reporter_id FOREIGN KEY (reporter_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_conversation_reports_closed_by_id FOREIGN KEY (closed_by_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_conversation_reports_closed_at_created_at ON conversation_reports (closed_at, created_at);

CREATE INDEX ix_conversation_reports_conversation_id ON conversation_reports (conversation_id);

CREATE INDEX ix_conversation_reports_reporter_id ON conversation_reports (reporter_id);

CREATE INDEX ix_conversation_reports_closed_by_id ON conversation_reports (closed_by_id);
