-- Calls whose copy to the shared PostgreSQL history failed (the database was down, or the copy's
-- backlog overflowed): the sync sends each again, as the cache holds it then (its row, queue
-- passes and IVR steps), once the database answers, and then forgets it. One row per call.
CREATE TABLE shared_outbox (
  uniqueid TEXT PRIMARY KEY
) WITHOUT ROWID;
