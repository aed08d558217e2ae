-- The wallboard's "last hours" of each queue (waiting callers, agents by state), sampled by
-- the core every 15 s (live/queue-sampler.ts) so every screen draws the same past and a TV
-- that reloads keeps it. Queue '*' is all queues together. Kept two days (queue-samples.ts).
CREATE TABLE queue_samples (
  queue     TEXT    NOT NULL,
  at        INTEGER NOT NULL,   -- UTC ms
  waiting   INTEGER NOT NULL,
  available INTEGER NOT NULL,
  on_call   INTEGER NOT NULL,
  ringing   INTEGER NOT NULL,
  paused    INTEGER NOT NULL,
  PRIMARY KEY (queue, at)
) WITHOUT ROWID;
CREATE INDEX queue_samples_at ON queue_samples(at);
