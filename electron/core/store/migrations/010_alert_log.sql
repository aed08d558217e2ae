-- Each alert's life (electron/core/alerts): raised, cleared, acknowledged, snoozed, with
-- who acknowledged or snoozed it. Kept 90 days and at most 100,000 rows (store/alert-log.ts).
CREATE TABLE alert_log (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,   -- UTC ms
  event     TEXT    NOT NULL,   -- raised | cleared | acknowledged | snoozed
  alert_id  TEXT    NOT NULL,
  kind      TEXT    NOT NULL,   -- contract/alerts.ts AlertKind
  queue     TEXT,
  agent     TEXT,
  value     REAL    NOT NULL,
  threshold REAL    NOT NULL,
  who       TEXT,
  until     INTEGER             -- snoozed: until when (UTC ms)
);
CREATE INDEX alert_log_at ON alert_log(at);
