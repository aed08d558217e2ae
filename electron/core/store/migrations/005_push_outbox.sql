-- Gateway outbox (electron/core/gateway/outbox.ts): every event the
-- gateway pushes to api.conf `URL` is written here first, POSTed in id order,
-- and deleted only after the receiver answered 2xx (at-least-once delivery,
-- never lost across restarts). A row the receiver refuses for good (4xx other
-- than 401/403/408/429) is kept with `rejected_at` set and skipped, so one bad
-- event cannot block the ones behind it.
CREATE TABLE push_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at INTEGER NOT NULL,          -- UTC ms when the event was queued
  event_type TEXT NOT NULL,             -- vendor name: dialbegein, dialend, hangup, extensionstatus, ivr, cdr, cc_cdr
  dedup_key TEXT,                       -- uniqueid / uuid / exten of the event, for diagnostics
  body TEXT NOT NULL,                   -- the JSON object exactly as POSTed
  attempts INTEGER NOT NULL DEFAULT 0,
  last_attempt_at INTEGER,
  last_error TEXT,
  rejected_at INTEGER
);
CREATE INDEX push_outbox_pending ON push_outbox (id) WHERE rejected_at IS NULL;
