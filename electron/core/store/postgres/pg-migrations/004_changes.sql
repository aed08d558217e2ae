-- What changed since a console last looked: every row version carries the transaction that wrote it
-- (xid8, never wraps). A console pulls the rows of its PBXs whose transaction is below the oldest one
-- still running (pg_snapshot_xmin): those are all finished, so paging them by (txid, id) misses none
-- and a later version of any row gets a larger txid (pg-changes.ts). Existing rows take this
-- migration's transaction: every console pulls them once.
ALTER TABLE calls ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE queue_calls ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE ivr_steps ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX calls_changes ON calls (pbx, txid, id);
CREATE INDEX queue_calls_changes ON queue_calls (pbx, txid, id);
CREATE INDEX ivr_steps_changes ON ivr_steps (pbx, txid, id);

-- Which database this is, whatever URL reaches it: a console's pull cursors and upload marks are
-- kept per database, so pointing it at another server starts them over.
CREATE TABLE history_identity (
  id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  one  boolean NOT NULL DEFAULT true UNIQUE CHECK (one)
);
INSERT INTO history_identity DEFAULT VALUES;
