-- Scheduled reports (store/report-schedules.ts): the schedules, their definition as JSON
-- (contract/methods/schedules.ts, validated before it is stored), and their runs. A run
-- due by the schedule claims its slot (schedule_id, due_at) before it starts, so a restart
-- never runs the same slot twice; manual runs have no slot. Runs are pruned per schedule.
CREATE TABLE report_schedules (
  id          TEXT    PRIMARY KEY,
  definition  TEXT    NOT NULL,       -- JSON ReportSchedule without its id
  created_at  INTEGER NOT NULL,       -- UTC ms: slots before it are never run
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE report_runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  schedule_id TEXT    NOT NULL REFERENCES report_schedules (id) ON DELETE CASCADE,
  trigger     TEXT    NOT NULL,       -- 'schedule' | 'manual'
  due_at      INTEGER,                -- the slot a scheduled run is for (UTC ms); NULL for manual runs
  status      TEXT    NOT NULL,       -- 'running' | 'ok' | 'error'
  started_at  INTEGER NOT NULL,
  finished_at INTEGER,
  range_from  INTEGER NOT NULL,
  range_to    INTEGER NOT NULL,
  files       TEXT    NOT NULL DEFAULT '[]',  -- JSON file names
  mailed_to   TEXT    NOT NULL DEFAULT '[]',  -- JSON addresses
  message     TEXT,
  UNIQUE (schedule_id, due_at)
);
CREATE INDEX report_runs_by_schedule ON report_runs (schedule_id, id);
