-- Agent state intervals on a shared PostgreSQL history (app/shared-intervals-sync.ts). Each console
-- observes the agents itself, at its own moments: intervals are shared once closed, and another
-- console's are kept beside this one's own (console, console_entry), never merged into them. The
-- reports count the union of an agent's overlapping intervals (agent-state-report.ts), so the same
-- pause seen by two consoles counts once, and one seen by only one of them still counts.
ALTER TABLE agent_intervals ADD COLUMN console TEXT;
ALTER TABLE agent_intervals ADD COLUMN console_entry INTEGER;
-- 0: this console's own interval not yet sent (sent once closed).
ALTER TABLE agent_intervals ADD COLUMN is_shared INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX agent_intervals_console_entry ON agent_intervals(console, console_entry) WHERE console IS NOT NULL;
CREATE INDEX agent_intervals_unshared ON agent_intervals(id) WHERE is_shared = 0 AND end_at IS NOT NULL;
