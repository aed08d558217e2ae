-- Acts of other consoles of a shared PostgreSQL history (app/shared-audit-sync.ts): which
-- console (its id) and that console's own entry id; NULL for this console's own acts.
-- They arrive after the fact (a console that was offline sends its acts when it is back),
-- so the audit page orders by time, then id.
ALTER TABLE audit_log ADD COLUMN console TEXT;
ALTER TABLE audit_log ADD COLUMN console_entry INTEGER;
CREATE UNIQUE INDEX audit_log_console_entry ON audit_log(console, console_entry) WHERE console IS NOT NULL;
