-- Numbers a supervisor took off the call-back list (store/callbacks.ts): hidden while
-- their last missed pass is older than the dismissal. One row per number; rows older
-- than two days are deleted on each dismissal, so the table stays as small as a day's list.
CREATE TABLE callback_dismissals (
  number       TEXT    PRIMARY KEY,
  dismissed_at INTEGER NOT NULL,       -- UTC ms
  who          TEXT    NOT NULL
) WITHOUT ROWID;
