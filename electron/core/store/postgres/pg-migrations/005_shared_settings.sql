-- The settings every console of a site must agree on (base/setting-keys.ts sharedSettingKeys: the
-- figures' rules, pause reasons, wallboard thresholds and boards, alert rules, blacklist notes),
-- one row per key and scope: the PBX names the consoles sharing them watch (queue names in a
-- console of several PBXs carry their PBX, so only consoles of the same PBXs share a value).
-- Values are the cache's JSON text, unchanged; the last writer wins and every console pulls the
-- final value by its transaction id, as it pulls calls (pg-changes.ts).
CREATE TABLE shared_settings (
  scope       text COLLATE "C" NOT NULL,
  key         text COLLATE "C" NOT NULL,
  value       text NOT NULL,
  changed_at  bigint NOT NULL,
  changed_by  text NOT NULL,
  txid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX shared_settings_changes ON shared_settings (scope, txid);
