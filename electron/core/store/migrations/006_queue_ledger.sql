-- The queue ledger: one row per pass of a call through a queue, as Asterisk's queue_log
-- tells it (ENTERQUEUE … CONNECT … COMPLETE*/ *TRANSFER/ ABANDON/ EXIT*/ WITHDRAW). Every
-- queue figure on every screen is a fold of these rows (contract/figures.ts); the live day
-- ledger and the reports read the same rows through the same measures (stats/attempt-measures.ts).
-- Rows are written as the call goes (waiting → connected → its end), so a restart finds
-- today's calls, including the ones still in progress.
CREATE TABLE queue_calls (
  id             INTEGER PRIMARY KEY,
  call_uniqueid  TEXT    NOT NULL,   -- queue_log callid: the caller channel's Uniqueid
  seq            INTEGER NOT NULL,   -- 0 for the call's first queue, 1 for the next...
  queue          TEXT    NOT NULL,
  entered_at     INTEGER NOT NULL,   -- UTC ms of ENTERQUEUE
  local_hour     INTEGER NOT NULL,   -- local hour of entered_at in the configured zone (local-time.ts)
  caller_num     TEXT    NOT NULL,
  entry_position INTEGER,
  outcome        TEXT    NOT NULL,   -- contract/figures.ts QueueOutcome
  agent          TEXT,               -- the member that answered (CONNECT)
  connected_at   INTEGER,
  ended_at       INTEGER,
  wait_seconds   INTEGER,            -- Asterisk's whole seconds (CONNECT holdtime / ABANDON waittime...)
  ring_seconds   INTEGER,
  talk_seconds   INTEGER,
  hold_seconds   INTEGER NOT NULL DEFAULT 0,
  wrapup_seconds INTEGER NOT NULL DEFAULT 0,
  hangup_side    TEXT,
  miss_cause     TEXT,
  transfer_kind  TEXT,
  transfer_to    TEXT,
  exit_position  INTEGER,
  exit_key       TEXT,
  ring_no_answer INTEGER NOT NULL DEFAULT 0,
  score          INTEGER,
  source         TEXT    NOT NULL,   -- 'ami' | 'queue_log' | 'cc_cdr' | 'import'
  UNIQUE (call_uniqueid, seq)
);
CREATE INDEX queue_calls_hour ON queue_calls(local_hour, queue);
CREATE INDEX queue_calls_agent ON queue_calls(agent, local_hour) WHERE agent IS NOT NULL;
-- The calls still in progress (a handful): found at start without a scan.
CREATE INDEX queue_calls_open ON queue_calls(outcome) WHERE outcome IN ('waiting', 'connected');

-- Sums of the ledger per local hour and queue, kept in the same transaction as the rows
-- (a changed row subtracts its old share and adds its new one). Columns are the tally's
-- measures, in stats/attempt-measures.ts order.
CREATE TABLE queue_rollup_hour (
  local_hour             INTEGER NOT NULL,
  queue                  TEXT    NOT NULL,
  offered                INTEGER NOT NULL DEFAULT 0,
  waiting                INTEGER NOT NULL DEFAULT 0,
  answered               INTEGER NOT NULL DEFAULT 0,
  completed              INTEGER NOT NULL DEFAULT 0,
  transferred            INTEGER NOT NULL DEFAULT 0,
  abandoned              INTEGER NOT NULL DEFAULT 0,
  exit_empty             INTEGER NOT NULL DEFAULT 0,
  exit_timeout           INTEGER NOT NULL DEFAULT 0,
  exit_key               INTEGER NOT NULL DEFAULT 0,
  withdrawn              INTEGER NOT NULL DEFAULT 0,
  unknown                INTEGER NOT NULL DEFAULT 0,
  wait_answered_sum      INTEGER NOT NULL DEFAULT 0,
  wait_abandoned_sum     INTEGER NOT NULL DEFAULT 0,
  talk_sum               INTEGER NOT NULL DEFAULT 0,
  hold_sum               INTEGER NOT NULL DEFAULT 0,
  wrapup_sum             INTEGER NOT NULL DEFAULT 0,
  ring_no_answer         INTEGER NOT NULL DEFAULT 0,
  score_sum              INTEGER NOT NULL DEFAULT 0,
  scored                 INTEGER NOT NULL DEFAULT 0,
  answered_within_5      INTEGER NOT NULL DEFAULT 0,
  answered_within_10     INTEGER NOT NULL DEFAULT 0,
  answered_within_15     INTEGER NOT NULL DEFAULT 0,
  answered_within_20     INTEGER NOT NULL DEFAULT 0,
  answered_within_25     INTEGER NOT NULL DEFAULT 0,
  answered_within_30     INTEGER NOT NULL DEFAULT 0,
  answered_within_45     INTEGER NOT NULL DEFAULT 0,
  answered_within_60     INTEGER NOT NULL DEFAULT 0,
  answered_within_90     INTEGER NOT NULL DEFAULT 0,
  answered_within_120    INTEGER NOT NULL DEFAULT 0,
  answered_within_180    INTEGER NOT NULL DEFAULT 0,
  answered_within_300    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_5     INTEGER NOT NULL DEFAULT 0,
  abandoned_within_10    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_15    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_20    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_25    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_30    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_45    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_60    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_90    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_120   INTEGER NOT NULL DEFAULT 0,
  abandoned_within_180   INTEGER NOT NULL DEFAULT 0,
  abandoned_within_300   INTEGER NOT NULL DEFAULT 0,
  miss_no_assign         INTEGER NOT NULL DEFAULT 0,
  miss_no_agent_answer   INTEGER NOT NULL DEFAULT 0,
  miss_no_agent_login    INTEGER NOT NULL DEFAULT 0,
  miss_member_cancel     INTEGER NOT NULL DEFAULT 0,
  miss_other             INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (local_hour, queue)
) WITHOUT ROWID;

-- The same per local day, answering agent and queue, for agent reports.
CREATE TABLE queue_rollup_agent_day (
  local_day              INTEGER NOT NULL,
  agent                  TEXT    NOT NULL,
  queue                  TEXT    NOT NULL,
  offered                INTEGER NOT NULL DEFAULT 0,
  waiting                INTEGER NOT NULL DEFAULT 0,
  answered               INTEGER NOT NULL DEFAULT 0,
  completed              INTEGER NOT NULL DEFAULT 0,
  transferred            INTEGER NOT NULL DEFAULT 0,
  abandoned              INTEGER NOT NULL DEFAULT 0,
  exit_empty             INTEGER NOT NULL DEFAULT 0,
  exit_timeout           INTEGER NOT NULL DEFAULT 0,
  exit_key               INTEGER NOT NULL DEFAULT 0,
  withdrawn              INTEGER NOT NULL DEFAULT 0,
  unknown                INTEGER NOT NULL DEFAULT 0,
  wait_answered_sum      INTEGER NOT NULL DEFAULT 0,
  wait_abandoned_sum     INTEGER NOT NULL DEFAULT 0,
  talk_sum               INTEGER NOT NULL DEFAULT 0,
  hold_sum               INTEGER NOT NULL DEFAULT 0,
  wrapup_sum             INTEGER NOT NULL DEFAULT 0,
  ring_no_answer         INTEGER NOT NULL DEFAULT 0,
  score_sum              INTEGER NOT NULL DEFAULT 0,
  scored                 INTEGER NOT NULL DEFAULT 0,
  answered_within_5      INTEGER NOT NULL DEFAULT 0,
  answered_within_10     INTEGER NOT NULL DEFAULT 0,
  answered_within_15     INTEGER NOT NULL DEFAULT 0,
  answered_within_20     INTEGER NOT NULL DEFAULT 0,
  answered_within_25     INTEGER NOT NULL DEFAULT 0,
  answered_within_30     INTEGER NOT NULL DEFAULT 0,
  answered_within_45     INTEGER NOT NULL DEFAULT 0,
  answered_within_60     INTEGER NOT NULL DEFAULT 0,
  answered_within_90     INTEGER NOT NULL DEFAULT 0,
  answered_within_120    INTEGER NOT NULL DEFAULT 0,
  answered_within_180    INTEGER NOT NULL DEFAULT 0,
  answered_within_300    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_5     INTEGER NOT NULL DEFAULT 0,
  abandoned_within_10    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_15    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_20    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_25    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_30    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_45    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_60    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_90    INTEGER NOT NULL DEFAULT 0,
  abandoned_within_120   INTEGER NOT NULL DEFAULT 0,
  abandoned_within_180   INTEGER NOT NULL DEFAULT 0,
  abandoned_within_300   INTEGER NOT NULL DEFAULT 0,
  miss_no_assign         INTEGER NOT NULL DEFAULT 0,
  miss_no_agent_answer   INTEGER NOT NULL DEFAULT 0,
  miss_no_agent_login    INTEGER NOT NULL DEFAULT 0,
  miss_member_cancel     INTEGER NOT NULL DEFAULT 0,
  miss_other             INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (local_day, agent, queue)
) WITHOUT ROWID;

-- Calls of earlier versions carry their queue pass in the row itself: one ledger row each.
-- Their wait is the whole queue stay and the outcome only answered/abandoned, as those
-- versions knew it; the rollups are rebuilt from the ledger at the next start (store-open.ts).
INSERT INTO queue_calls (call_uniqueid, seq, queue, entered_at, local_hour, caller_num, outcome, agent, connected_at, ended_at,
  wait_seconds, ring_seconds, talk_seconds, hold_seconds, wrapup_seconds, hangup_side, miss_cause, score, source)
SELECT uniqueid, 0, queue, started_at, local_hour, caller_num, CASE WHEN is_answered THEN 'answered' ELSE 'abandoned' END,
  CASE WHEN is_answered THEN agent END, answered_at, ended_at, queue_seconds, ring_seconds, talk_seconds, hold_seconds,
  wrapup_seconds, hangup_side, miss_cause, score, 'import'
FROM calls WHERE ifnull(queue, '') <> '';

-- The old per-call rollups counted calls, not queue passes: the ledger's rollups replace them.
DROP TABLE call_rollup_queue;
DROP TABLE call_rollup_agent;

-- What kind of call a history row is, and what the queue ledger said about it.
ALTER TABLE calls ADD COLUMN call_class TEXT NOT NULL DEFAULT 'customer';  -- 'customer' | 'internal' | 'supervisor'
UPDATE calls SET call_class = 'internal' WHERE direction = 'internal';
ALTER TABLE calls ADD COLUMN queue_outcome TEXT;        -- the last queue pass's outcome
ALTER TABLE calls ADD COLUMN session_kind TEXT;         -- supervisor sessions: 'listen' | 'whisper' | 'barge' | 'dial'
ALTER TABLE calls ADD COLUMN observed_uniqueid TEXT;    -- the call a supervisor session listened to
ALTER TABLE calls ADD COLUMN transfer_kind TEXT;        -- 'blind' | 'attended' | 'redirect'
ALTER TABLE calls ADD COLUMN transfer_to TEXT;          -- extension or number the call went to
ALTER TABLE calls ADD COLUMN transfer_at INTEGER;
CREATE INDEX calls_class_started ON calls(call_class, started_at);
