-- Refused pushes are counted per UTC day and reason, and only a sample of them is kept
-- (store/event-log.ts): 5,000 unauthenticated 64 KB posts used to add 330 MB to the file.
CREATE TABLE rejected_counts (
  day    INTEGER NOT NULL,            -- UTC day number: received_at / 86400000
  reason TEXT    NOT NULL,            -- 'unauthorized' | 'undecodable' | 'invalid' | 'too_large'
  count  INTEGER NOT NULL,
  PRIMARY KEY (day, reason)
) WITHOUT ROWID;

-- Size of the body as received; `body` now holds at most its first 4 KiB.
ALTER TABLE rejected_events ADD COLUMN body_bytes INTEGER;

-- Rows kept whole before: cut to the sample size, and only the newest 1,000 stay.
UPDATE rejected_events SET body_bytes = length(CAST(body AS BLOB)), body = substr(body, 1, 4096) WHERE length(CAST(body AS BLOB)) > 4096;
DELETE FROM rejected_events WHERE id <= (SELECT max(id) - 1000 FROM rejected_events);
