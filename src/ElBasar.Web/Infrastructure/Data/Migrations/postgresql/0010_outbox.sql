-- elBasar 0010: the mail outbox (Infrastructure/Email). A message is queued in the transaction
-- of what caused it, at most once per key, and sent by the dispatcher, which claims due rows
-- with FOR UPDATE SKIP LOCKED.

CREATE TABLE outbox_messages (
    id uuid NOT NULL,
    key character varying(200),
    to_address character varying(320) NOT NULL,
    to_name character varying(200),
    subject character varying(400) NOT NULL,
    text_body text NOT NULL,
    html_body text NOT NULL,
    headers text,
    created_at timestamp with time zone NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    last_error character varying(200),
    claimed_by character varying(100),
    claimed_until timestamp with time zone,
    CONSTRAINT pk_outbox_messages PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_outbox_messages_key ON outbox_messages (key);

-- The dispatcher's scan: only the messages still to send.
CREATE INDEX ix_outbox_messages_next_attempt_at ON outbox_messages (next_attempt_at) WHERE sent_at IS NULL;
