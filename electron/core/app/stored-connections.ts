import type { z } from 'zod';
import type { CoreConfig } from '../config/config';
import type { connectionsSettingsSchema, StoredConnectionsView } from '../contract/methods/settings';
import { secretNames } from '../security/headless-secrets';
import type { SecretStore } from '../security/secret-store';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';
import { redactUrlCredentials, restoreUrlCredentials } from '../base/redact-url';
import { settingKeys } from '../base/setting-keys';

/**
 * The PBX connections the Settings page stores (a desktop user never sees
 * flags, env or config files). AMI secrets are not here: they live in the
 * secret store under `ami:<id>` (headless-secrets.ts secretNames).
 */
type ConnectionsSettingsRequest = z.infer<typeof connectionsSettingsSchema>;

export interface StoredAmiTarget {
  id: string;
  host: string;
  port: number;
  username: string;
}

export interface StoredConnections {
  ami: StoredAmiTarget[];
  vendorApi?: { baseUrl: string; pollSeconds: number };
  /** A shared PostgreSQL history is stored (its URL, which holds the password, is in the secret store). */
  history?: { pbx?: string };
}

/** Where the running connections came from: flags/env/file win; stored ones apply only when those give none. */
export type ConnectionsSource = 'flags' | 'settings';

/** The vendor API poll interval when Settings does not give one (as load.ts gives --vendor-api). */
export const DEFAULT_VENDOR_POLL_SECONDS = 5;

export function readStoredConnections(db: Db): StoredConnections {
  return getSetting<StoredConnections>(db, settingKeys.storedConnections, { ami: [] });
}

export function writeStoredConnections(db: Db, connections: StoredConnections): void {
  setSetting(db, settingKeys.storedConnections, connections);
}

/**
 * When flags/env/file configure no PBX at all (no AMI target, no vendor API),
 * the stored connections fill in, each AMI secret from the secret store.
 */
export function withStoredConnections(
  config: CoreConfig,
  db: Db,
  secrets: SecretStore | undefined,
  warn: (message: string) => void,
): { config: CoreConfig; source: ConnectionsSource } {
  if (config.ami.length > 0 || config.vendorApi !== undefined) return { config, source: 'flags' };
  const stored = readStoredConnections(db);
  const ami = stored.ami.map((target) => ({ ...target, secret: readSecret(secrets, secretNames.ami(target.id), `the stored AMI secret of ${target.id}`, warn) ?? '' }));
  return { config: { ...config, ami, ...(stored.vendorApi ? { vendorApi: stored.vendorApi } : {}) }, source: 'settings' };
}

/**
 * When flags/env/file give no `--history`, the one stored in Settings applies (its URL from
 * the secret store). A stored history that cannot be opened is a warning, not a failed start.
 */
export function withStoredHistory(
  config: CoreConfig,
  db: Db,
  secrets: SecretStore | undefined,
  warn: (message: string) => void,
): { config: CoreConfig; source: ConnectionsSource } {
  if (config.history !== undefined) return { config, source: 'flags' };
  const stored = readStoredConnections(db).history;
  if (!stored) return { config, source: 'settings' };
  const url = readSecret(secrets, secretNames.history, 'the stored history URL', warn);
  if (!url) return { config, source: 'settings' };
  return { config: { ...config, history: url, ...(stored.pbx ? { historyPbx: stored.pbx } : {}) }, source: 'settings' };
}

/**
 * An unreadable secret (key file replaced, store damaged) must not keep the app
 * from opening: what needs it then fails visibly (a PBX's login), and Settings can fix it.
 */
function readSecret(secrets: SecretStore | undefined, name: string, what: string, warn: (message: string) => void): string | undefined {
  try {
    return secrets?.get(name);
  } catch (error) {
    warn(`${what} cannot be read (${(error as Error).message}); enter it again in Settings`);
    return undefined;
  }
}

/** Ids as load.ts gives --ami targets: 'pbx', 'pbx2', … (the secret store names follow them). */
function nextFreeId(taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = n === 1 ? 'pbx' : `pbx${n}`;
    if (!taken.has(id)) return id;
  }
}

/** What Settings shows: never a secret, only whether one is stored (the history URL with its password as ***). */
export function storedConnectionsView(db: Db, secrets: SecretStore | undefined, source: ConnectionsSource, historySource: ConnectionsSource = 'settings'): StoredConnectionsView {
  const stored = readStoredConnections(db);
  const names = new Set(secrets?.names() ?? []);
  const historyUrl = stored.history ? storedHistoryUrl(secrets) : undefined;
  return {
    ami: stored.ami.map((target) => ({ ...target, isSecretSet: names.has(secretNames.ami(target.id)) })),
    ...(stored.vendorApi ? { vendorApi: { ...stored.vendorApi, baseUrl: redactUrlCredentials(stored.vendorApi.baseUrl) } } : {}),
    source,
    ...(historyUrl ? { history: { url: redactUrlCredentials(historyUrl), ...(stored.history?.pbx ? { pbx: stored.history.pbx } : {}) } } : {}),
    historySource,
  };
}

/** The stored history URL for the page and for restoring its password; unreadable, it is simply not there. */
function storedHistoryUrl(secrets: SecretStore | undefined): string | undefined {
  return readSecret(secrets, secretNames.history, 'the stored history URL', () => undefined);
}

export class ConnectionsUnsupportedError extends Error {}

/**
 * Replaces the stored connections. Secrets go to the secret store: absent =
 * keep, '' = clear; the secrets of removed targets are dropped. A kept secret
 * stays with its address: a target whose host or port changed must bring its
 * secret again. Vendor API: absent = keep, null = none; credentials shown as
 * *** come back only to the same origin.
 */
export function saveStoredConnections(db: Db, secrets: SecretStore | undefined, request: ConnectionsSettingsRequest): StoredConnections {
  if (!secrets && request.ami.some((target) => target.secret !== undefined)) {
    throw new ConnectionsUnsupportedError('this core has no secret store: AMI secrets cannot be stored');
  }
  if (!secrets && request.history) throw new ConnectionsUnsupportedError('this core has no secret store: a history URL cannot be stored');
  const previous = readStoredConnections(db);
  for (const target of request.ami) {
    const before = previous.ami.find((stored) => stored.id === target.id);
    if (before && target.secret === undefined && (before.host !== target.host || before.port !== target.port)) {
      throw new Error(`type the AMI secret of ${target.id} again: its address changed from ${before.host}:${before.port} to ${target.host}:${target.port}`);
    }
  }
  const taken = new Set(request.ami.flatMap((target) => (target.id ? [target.id] : [])));
  if (taken.size !== request.ami.filter((target) => target.id).length) throw new Error('AMI connection ids must be unique');
  const ami = request.ami.map(({ id, host, port, username }) => {
    const assigned = id ?? nextFreeId(taken);
    taken.add(assigned);
    return { id: assigned, host, port, username };
  });
  const vendorApi =
    request.vendorApi === undefined
      ? previous.vendorApi
      : request.vendorApi === null
        ? undefined
        : {
            baseUrl: restoreUrlCredentials(request.vendorApi.baseUrl, previous.vendorApi?.baseUrl).replace(/\/+$/, ''),
            pollSeconds: request.vendorApi.pollSeconds ?? DEFAULT_VENDOR_POLL_SECONDS,
          };
  // The history URL holds the database password: shown with ***, it comes back only to the same server.
  const historyUrl = request.history ? restoreUrlCredentials(request.history.url, storedHistoryUrl(secrets)) : undefined;
  const history = request.history === undefined ? previous.history : request.history === null ? undefined : { ...(request.history.pbx ? { pbx: request.history.pbx } : {}) };
  const next: StoredConnections = { ami, ...(vendorApi ? { vendorApi } : {}), ...(history ? { history } : {}) };
  writeStoredConnections(db, next);
  if (historyUrl !== undefined) secrets?.set(secretNames.history, historyUrl);
  else if (request.history === null) secrets?.delete(secretNames.history);
  if (secrets) {
    request.ami.forEach((target, i) => {
      const name = secretNames.ami(ami[i]!.id);
      if (target.secret === '') secrets.delete(name);
      else if (target.secret !== undefined) secrets.set(name, target.secret);
    });
    const kept = new Set(ami.map((target) => target.id));
    for (const target of previous.ami) if (!kept.has(target.id)) secrets.delete(secretNames.ami(target.id));
  }
  return next;
}
