-- elBasar 0041: bodies shared by many messages of the outbox (Infrastructure/Email). A mail sent
-- to many readers (the monthly digest) keeps its text and HTML once in "outbox_bodies", found by
-- the SHA-256 of its content; each of its messages holds only what differs per reader: the
-- address, the subject, the headers, and in "body_values" the values put into the body's
-- placeholders when the dispatcher sends it. "text_body" and "html_body" stay NOT NULL and are
-- empty for such a message, as on SQLite, where dropping NOT NULL would copy the whole table.
-- A body goes with the last message that refers to it: a message never changes its body, so
-- deleting messages is the only way a body loses its readers.

CREATE TABLE outbox_bodies (
    id uuid NOT NULL,
    hash character varying(64) NOT NULL,
    text_body text NOT NULL,
    html_body text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_outbox_bodies PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_outbox_bodies_hash ON outbox_bodies (hash);

ALTER TABLE outbox_messages ADD COLUMN body_id uuid;
ALTER TABLE outbox_messages ADD COLUMN body_values text;
ALTER TABLE outbox_messages ADD CONSTRAINT fk_outbox_messages_body_id FOREIGN KEY (body_id) REFERENCES outbox_bodies (id);

CREATE INDEX ix_outbox_messages_body_id ON outbox_messages (body_id) WHERE body_id IS NOT NULL;

-- Once per statement: deleting a hundred thousand copies of one digest checks their body once.
CREATE FUNCTION outbox_drop_unused_bodies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM outbox_bodies AS b
    WHERE b.id IN (SELECT DISTINCT gone.body_id FROM gone WHERE gone.body_id IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM outbox_messages AS m WHERE m.body_id = b.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_messages_drop_unused_bodies AFTER DELETE ON outbox_messages
REFERENCING OLD TABLE AS gone
FOR EACH STATEMENT EXECUTE FUNCTION outbox_drop_unused_bodies();
