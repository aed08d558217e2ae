-- Every pushed or AMI-derived event as received, before any interpretation.
CREATE TABLE raw_events (
  id          INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,           -- UTC ms
  source      TEXT    NOT NULL,           -- 'push' | 'ami'
  event_type  TEXT    NOT NULL,           -- e.g. 'extensionstatus'
  is_known    INTEGER NOT NULL DEFAULT 1, -- 0: unknown event type, kept raw
  remote      TEXT,
  body        TEXT    NOT NULL            -- normalised JSON
);
CREATE INDEX raw_events_received ON raw_events(received_at);
CREATE INDEX raw_events_type ON raw_events(event_type, received_at);

-- Pushes we refused, kept for inspection.
CREATE TABLE rejected_events (
  id          INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  remote      TEXT,
  reason      TEXT    NOT NULL,
  content_type TEXT,
  body        TEXT    NOT NULL
);
CREATE INDEX rejected_events_received ON rejected_events(received_at);
