/**
 * Every key of the cache's `settings` table (migration 004), in one place so two
 * features never share a key by accident. Values are JSON.
 */
export const settingKeys = {
  /** IANA zone reports group in; default Asia/Shanghai (time-zone.ts). */
  timeZone: 'store.timeZone',
  /** Days of raw_events to keep (store/maintenance.ts). */
  rawEventRetentionDays: 'store.rawEventRetentionDays',
  /** Longest closed agent interval so far, ms: bounds the interval range scans. */
  longestIntervalMs: 'store.longestIntervalMs',
  /** The last raw event the calls table was rebuilt from (store/rebuild-calls.ts). */
  callsRebuiltThroughRawId: 'store.callsRebuiltThroughRawId',
  /** contract/figures.ts StatsRulesBook: service level threshold and formula, short abandons, per queue. */
  statsRules: 'stats.rules',
  /** PauseReason[]; the defaults when absent. */
  pauseReasons: 'actions.pauseReasons',
  /** WrapupOptions: api.conf `pausetime=yes` → isEnabled. */
  wrapup: 'actions.wrapup',
  /** api.conf `pop_url`. */
  popUrl: 'actions.popUrl',
  /** Why a number is on the blacklist, by number (actions/blacklist-notes.ts). */
  blacklistNotes: 'actions.blacklistNotes',
  /** PBX connections added in Settings (app/stored-connections.ts). */
  storedConnections: 'connections.stored',
  /** Wallboard thresholds per queue (contract/methods/settings.ts). */
  wallboardThresholds: 'ui.wallboardThresholds',
  /** Named wallboard layouts (contract/boards.ts), one JSON list. */
  wallboardBoards: 'ui.wallboardBoards',
  /** Alert rules per queue, the idle-agent watchdog and pause limits (contract/alerts.ts). */
  alertRules: 'alerts.rules',
  /** Per shared PostgreSQL history and PBX: the changes pulled so far and the one-off upload (app/start-history-sync.ts). */
  sharedHistorySync: 'history.sharedSync',
  /** Per shared PostgreSQL history and scope: how far the site's settings were pulled (app/shared-settings-sync.ts). */
  sharedSettingsSync: 'history.sharedSettingsSync',
  /** Per shared PostgreSQL history: the last own audit entry sent and how far the others' were read (app/shared-audit-sync.ts). */
  sharedAuditSync: 'history.sharedAuditSync',
  /** Per shared PostgreSQL history and PBX: how far the other consoles' agent intervals were read (app/shared-intervals-sync.ts). */
  sharedIntervalsSync: 'history.sharedIntervalsSync',
  /** This cache's id naming it in a shared history (settings it changed, its audit entries and intervals), with where it lives (app/console-identity.ts). */
  consoleId: 'history.consoleId',
  /** The embedded gateway's settings (app/start-gateway.ts). */
  gateway: 'gateway.settings',
} as const;

export type SettingKey = (typeof settingKeys)[keyof typeof settingKeys];

/**
 * The settings every console of a site shares through a PostgreSQL history (--history): what
 * the figures count by, what screens show and what alerts watch. Connections, the gateway,
 * retention and the time zone stay each console's own.
 */
export const sharedSettingKeys: readonly SettingKey[] = [
  settingKeys.statsRules, settingKeys.pauseReasons, settingKeys.wallboardThresholds, settingKeys.wallboardBoards,
  settingKeys.alertRules, settingKeys.blacklistNotes,
];
