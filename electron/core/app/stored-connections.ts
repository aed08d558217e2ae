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
  const ami = stored.ami.map((target) => ({ ...target, secret: readSecret(secrets, target.id, warn) }));
  return { config: { ...config, ami, ...(stored.vendorApi ? { vendorApi: stored.vendorApi } : {}) }, source: 'settings' };
}

/**
 * An unreadable secret (key file replaced, store damaged) must not keep the app
 * from opening: that PBX then fails its login visibly, and Settings can fix it.
 */
function readSecret(secrets: SecretStore | undefined, id: string, warn: (message: string) => void): string {
  try {
    return secrets?.get(secretNames.ami(id)) ?? '';
  } catch (error) {
    warn(`the stored AMI secret of ${id} cannot be read (${(error as Error).message}); enter it again in Settings`);
    return '';
  }
}

/** Ids as load.ts gives --ami targets: 'pbx', 'pbx2', … (the secret store names follow them). */
function nextFreeId(taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = n === 1 ? 'pbx' : `pbx${n}`;
    if (!taken.has(id)) return id;
  }
}

/** What Settings shows: never a secret, only whether one is stored. */
export function storedConnectionsView(db: Db, secrets: SecretStore | undefined, source: ConnectionsSource): StoredConnectionsView {
  const stored = readStoredConnections(db);
  const names = new Set(secrets?.names() ?? []);
  return {
    ami: stored.ami.map((target) => ({ ...target, isSecretSet: names.has(secretNames.ami(target.id)) })),
    ...(stored.vendorApi ? { vendorApi: { ...stored.vendorApi, baseUrl: redactUrlCredentials(stored.vendorApi.baseUrl) } } : {}),
    source,
  };
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
  const next: StoredConnections = { ami, ...(vendorApi ? { vendorApi } : {}) };
  writeStoredConnections(db, next);
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
