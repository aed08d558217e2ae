-- No 002 was ever written: this file was numbered 003 from the start. Versions need only increase (database.ts applies those above user_version).
-- One row per finished call (contract/history.ts CallRecord), de-duplicated by the
-- Asterisk uniqueid (cc_cdr `uuid`, cdr `uniqueid`). When several sources report
-- the same call, call-merge.ts decides field by field (cc_cdr > cdr > ami, missing
-- fields filled from the others); `source_rank` keeps the winner's rank.
CREATE TABLE calls (
  id             INTEGER PRIMARY KEY,
  uniqueid       TEXT    NOT NULL UNIQUE,
  source         TEXT    NOT NULL,           -- 'cc_cdr' | 'cdr' | 'ami' | 'import'
  source_rank    INTEGER NOT NULL,
  -- Which source gave each field (call-row.ts field order, one rank digit or '-' per field),
  -- so a later merge stays order-independent; NULL = every field came from `source`.
  field_ranks    TEXT,
  direction      TEXT    NOT NULL,           -- 'inbound' | 'outbound' | 'internal'
  caller_num     TEXT    NOT NULL,
  called_num     TEXT    NOT NULL,
  queue          TEXT,
  agent          TEXT,
  started_at     INTEGER NOT NULL,           -- UTC ms
  -- Local hour number of started_at in the configured zone (settings 'store.timeZone',
  -- default Asia/Shanghai): floor((utc + zoneOffset(utc)) / 3600000). Precomputed in JS
  -- with Intl so DST zones group correctly; day = local_hour / 24, weekday and week
  -- follow by integer arithmetic (local-time.ts). Rewritten by setTimeZone().
  local_hour     INTEGER NOT NULL,
  answered_at    INTEGER,
  ended_at       INTEGER NOT NULL,
  duration       INTEGER NOT NULL DEFAULT 0, -- seconds
  queue_seconds  INTEGER NOT NULL DEFAULT 0,
  ring_seconds   INTEGER NOT NULL DEFAULT 0,
  talk_seconds   INTEGER NOT NULL DEFAULT 0,
  hold_seconds   INTEGER NOT NULL DEFAULT 0,
  wrapup_seconds INTEGER NOT NULL DEFAULT 0,
  ivr_seconds    INTEGER NOT NULL DEFAULT 0,
  is_answered    INTEGER NOT NULL,
  disposition    TEXT,
  cdr_state      TEXT,
  miss_cause     TEXT,
  hangup_side    TEXT,
  hangup_cause   TEXT,
  ivr_id         TEXT,
  ivr_name       TEXT,
  ivr_dtmf       TEXT,
  score          INTEGER,
  trunk_number   TEXT,
  recording_file TEXT
);

-- The search page's default order is started_at DESC; an index entry carries the rowid,
-- so (started_at, id) keyset paging walks this index and stops after one page. Every
-- filter without its own index (direction, miss_cause, duration, score...) is checked
-- on the rows this walk visits, bounded by the date range.
CREATE INDEX calls_started ON calls(started_at);
-- "Calls of queue Q / agent A, newest first": equality then range, still in page order,
-- so a rare queue or agent does not scan the whole range.
CREATE INDEX calls_queue_started ON calls(queue, started_at);
CREATE INDEX calls_agent_started ON calls(agent, started_at);
-- Number prefix search is a range on these (num >= p AND num < p+1); "contains" cannot
-- use a b-tree and scans the date range through calls_started.
CREATE INDEX calls_caller ON calls(caller_num);
CREATE INDEX calls_called ON calls(called_num);

-- Per-hour rollups for reports and the heat map, maintained by call-rollup.ts in the same
-- transaction as the calls they count (a merge subtracts the old row's share, adds the new).
-- A day of KPIs reads 24 × queues rows instead of every call of the day.
-- queue '' = a call without a queue (outbound, internal), kept so the heat map sees all calls.
-- sl_N = answered with queue wait ≤ N seconds, for the service levels offered without a scan.
CREATE TABLE call_rollup_queue (
  local_hour            INTEGER NOT NULL,
  queue                 TEXT    NOT NULL,
  offered               INTEGER NOT NULL DEFAULT 0,
  answered              INTEGER NOT NULL DEFAULT 0,
  miss_no_assign        INTEGER NOT NULL DEFAULT 0,
  miss_no_agent_answer  INTEGER NOT NULL DEFAULT 0,
  miss_no_agent_login   INTEGER NOT NULL DEFAULT 0,
  miss_member_cancel    INTEGER NOT NULL DEFAULT 0,
  miss_other            INTEGER NOT NULL DEFAULT 0,
  wait_answered_sum     INTEGER NOT NULL DEFAULT 0,
  sl_10                 INTEGER NOT NULL DEFAULT 0,
  sl_15                 INTEGER NOT NULL DEFAULT 0,
  sl_20                 INTEGER NOT NULL DEFAULT 0,
  sl_30                 INTEGER NOT NULL DEFAULT 0,
  sl_45                 INTEGER NOT NULL DEFAULT 0,
  sl_60                 INTEGER NOT NULL DEFAULT 0,
  talk_sum              INTEGER NOT NULL DEFAULT 0,
  hold_sum              INTEGER NOT NULL DEFAULT 0,
  wrapup_sum            INTEGER NOT NULL DEFAULT 0,
  score_sum             INTEGER NOT NULL DEFAULT 0,
  scored                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (local_hour, queue)
) WITHOUT ROWID;

-- Same measures per local day, agent and queue (agent '' = none). A day, not an hour:
-- agents × queues × hours would hold about as many rows as calls; per day it is ~24×
-- fewer. Agent reports per hour, or on ranges that are not whole days, scan calls.
CREATE TABLE call_rollup_agent (
  local_day             INTEGER NOT NULL,         -- local_hour / 24
  agent                 TEXT    NOT NULL,
  queue                 TEXT    NOT NULL,
  offered               INTEGER NOT NULL DEFAULT 0,
  answered              INTEGER NOT NULL DEFAULT 0,
  miss_no_assign        INTEGER NOT NULL DEFAULT 0,
  miss_no_agent_answer  INTEGER NOT NULL DEFAULT 0,
  miss_no_agent_login   INTEGER NOT NULL DEFAULT 0,
  miss_member_cancel    INTEGER NOT NULL DEFAULT 0,
  miss_other            INTEGER NOT NULL DEFAULT 0,
  wait_answered_sum     INTEGER NOT NULL DEFAULT 0,
  sl_10                 INTEGER NOT NULL DEFAULT 0,
  sl_15                 INTEGER NOT NULL DEFAULT 0,
  sl_20                 INTEGER NOT NULL DEFAULT 0,
  sl_30                 INTEGER NOT NULL DEFAULT 0,
  sl_45                 INTEGER NOT NULL DEFAULT 0,
  sl_60                 INTEGER NOT NULL DEFAULT 0,
  talk_sum              INTEGER NOT NULL DEFAULT 0,
  hold_sum              INTEGER NOT NULL DEFAULT 0,
  wrapup_sum            INTEGER NOT NULL DEFAULT 0,
  score_sum             INTEGER NOT NULL DEFAULT 0,
  scored                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (local_day, agent, queue)
) WITHOUT ROWID;
