-- elBasar 0045: an event belongs to one network, the one it was announced in (Features/Events), so
-- that a network's calendar shows its own events and those its partners share with it. Events
-- announced before belong to the home network.

ALTER TABLE events ADD COLUMN network_id uuid NULL;
UPDATE events SET network_id = (SELECT id FROM networks WHERE is_home);
ALTER TABLE events ALTER COLUMN network_id SET NOT NULL;
ALTER TABLE events ADD CONSTRAINT fk_events_network_id FOREIGN KEY (network_id) REFERENCES networks (id) ON DELETE RESTRICT;
CREATE INDEX ix_events_network_id ON events (network_id);
