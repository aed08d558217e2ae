-- Per shared history and scope (app/shared-settings-sync.ts): each shared setting's value as this
-- console and the database last agreed on it (sent or pulled). A change made here is merged entry
-- by entry (app/setting-merge.ts) with what other consoles put there since that value, so two
-- supervisors who each add a blacklist note or a pause reason keep both.
CREATE TABLE shared_setting_bases (
  mark  TEXT NOT NULL,
  key   TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (mark, key)
) WITHOUT ROWID;
