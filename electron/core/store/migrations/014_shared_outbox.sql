-- The calls this console recorded or imported that the shared PostgreSQL history does not have yet
-- (store/shared-outbox.ts): noted in the transaction that stores them, sent by the sync as the cache
-- then holds them (row, queue passes, IVR steps), forgotten once PostgreSQL committed them. Empty
-- without --history. One row per call; `noted` changes each time the call is noted again, so a call
-- stored anew while a send of its older state was on the way stays to be sent.
CREATE TABLE shared_outbox (
  uniqueid TEXT PRIMARY KEY,
  noted    INTEGER NOT NULL
) WITHOUT ROWID;
