-- IVR nodes a caller went through (vendor `ivr` push, one per node left; cc_cdr carries
-- only the last ivrId/ivrName/ivrDtmf). No foreign key to calls: the ivr push arrives
-- while the call is still up, minutes before its cc_cdr row exists.
-- UNIQUE makes a re-sent push (or a re-import) a no-op.
CREATE TABLE ivr_steps (
  id            INTEGER PRIMARY KEY,
  call_uniqueid TEXT    NOT NULL,
  ivr_id        TEXT    NOT NULL,
  ivr_name      TEXT,
  dtmf          TEXT,
  start_at      INTEGER NOT NULL,  -- UTC ms
  end_at        INTEGER,
  UNIQUE (call_uniqueid, start_at, ivr_id)
);
-- The UNIQUE index above starts with call_uniqueid: it serves callDetail's lookup too.

-- Agent state intervals (QueueMemberPause/Unpause, QueueMemberAdded/Removed, AgentCalled,
-- AgentConnect/AgentComplete, wrap-up pause): end_at NULL while still open.
CREATE TABLE agent_intervals (
  id        INTEGER PRIMARY KEY,
  agent     TEXT    NOT NULL,
  queue     TEXT,
  kind      TEXT    NOT NULL CHECK (kind IN ('login', 'pause', 'talk', 'ring', 'wrapup')),
  reason    TEXT,
  call_uniqueid TEXT,              -- ring/talk/wrap-up of one call (AgentCalled/AgentConnect `Uniqueid`)
  start_at  INTEGER NOT NULL,
  end_at    INTEGER
);
-- callDetail ("agent A during [t0, t1]") and the per-agent breakdown: equality on agent,
-- range on start_at (bounded below by t0 − the longest closed interval, kept in settings).
CREATE INDEX agent_intervals_agent_start ON agent_intervals(agent, start_at);
-- callDetail's "rings to each agent" of one call.
CREATE INDEX agent_intervals_call ON agent_intervals(call_uniqueid) WHERE call_uniqueid IS NOT NULL;
-- The breakdown for all agents in a date range.
CREATE INDEX agent_intervals_start ON agent_intervals(start_at);
-- openInterval/closeInterval find the open interval of (agent, kind) without a scan.
CREATE INDEX agent_intervals_open ON agent_intervals(agent, kind) WHERE end_at IS NULL;

-- Supervisor actions (pause, spy, hangup, blacklist...), who did them and how they ended.
CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,               -- UTC ms
  who      TEXT    NOT NULL,               -- Caller.who, e.g. 'desktop', 'web:192.168.1.20'
  action   TEXT    NOT NULL,               -- contract method name, e.g. 'queue.pause'
  target   TEXT,
  params   TEXT,                           -- JSON
  result   TEXT    NOT NULL CHECK (result IN ('ok', 'error')),
  message  TEXT
);
-- The audit page lists newest first, optionally for one action; id order = time order.
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_action_at ON audit_log(action, at);

-- Small settings (retention days, time zone, SL threshold...), value as JSON.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
