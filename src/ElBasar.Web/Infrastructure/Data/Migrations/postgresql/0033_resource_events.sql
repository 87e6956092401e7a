-- elBasar 0033: the documents of an event (its slides, photos, attendance sheet) are resources of
-- the library that name the event; its page lists them (Features/Resources/README.md).

ALTER TABLE resources ADD COLUMN event_id uuid NULL;

ALTER TABLE resources ADD CONSTRAINT fk_resources_event_id FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE SET NULL;

CREATE INDEX ix_resources_event_id ON resources (event_id);
