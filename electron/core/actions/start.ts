import type { Logger } from '../base/logger';
import type { LiveModel } from '../live/model';
import { createAuditLog } from '../store/audit-log';
import type { Db } from '../store/database';
import { createCoocenterClient } from '../vendor-api/client';
import { loadPauseReasons, loadPopUrl, loadWrapupOptions } from './action-settings';
import { createAmiActions } from './ami-actions';
import { amiPortFromBackend, type AmiBackendLike } from './ami-port';
import { createSettingsBlacklistNotes } from './blacklist-notes';
import { createCoocenterActions } from './coocenter-actions';
import { routeByPbx } from './pbx-router';
import type { Scheduler } from './scheduler';
import { createActionService, type ActionService } from './service';

export interface ActionsSetup {
  model: LiveModel;
  db: Db;
  log: Logger;
  /** The core's AMI backends, each with the PBX (connection id) it serves; with several, each action goes to its target's PBX. */
  amiBackends: Array<{ pbx: string; backend: AmiBackendLike }>;
  /** The vendor box's API ("http://192.168.12.183:8000"), for "both" mode or vendor-only setups. */
  vendorApi?: { baseUrl: string; webkey?: string; timeZone?: string };
  /** Local or mounted copy of /var/spool/asterisk/monitor/ (plain Asterisk recordings). */
  recordingsDir?: string;
  /** Dialplan context for dial/transfer destinations (default `internal`). */
  dialContext?: string;
  /** api.conf `pop_url`; else the `actions.popUrl` setting. */
  popUrl?: string;
  scheduler?: Scheduler;
}

/**
 * Builds the ActionService from what the core already has: AMI preferred, the
 * vendor API as fallback, settings (pause reasons, wrap-up, pop_url) and
 * blacklist notes from the cache, audit rows into `audit_log`.
 */
export function startActionService(setup: ActionsSetup): ActionService {
  const { model, db, log } = setup;
  const notes = createSettingsBlacklistNotes(db);
  const amiOf = (backend: AmiBackendLike) => createAmiActions(amiPortFromBackend(backend), {
    notes,
    ...(setup.recordingsDir ? { recordingsDir: setup.recordingsDir } : {}),
    ...(setup.dialContext ? { context: setup.dialContext } : {}),
  });
  const [only, ...others] = setup.amiBackends;
  const ami = !only ? undefined
    : others.length === 0 ? amiOf(only.backend)
      : routeByPbx(new Map(setup.amiBackends.map(({ pbx, backend }) => [pbx, amiOf(backend)])));
  // The poller reports the box as a `coocenter` connection; without one, try it anyway.
  const isVendorUp = (): boolean => {
    const connection = [...model.connections.values()].find((c) => c.kind === 'coocenter');
    return !connection || connection.state === 'connected' || connection.state === 'resyncing';
  };
  // The vendor API speaks for one box: the ids of a console of several PBXs would mean nothing to it.
  if (setup.vendorApi && setup.amiBackends.length > 1) log.warn('--vendor-api is not used for actions: this console watches several PBXs, and the vendor API speaks for one');
  const coocenter = setup.vendorApi && setup.amiBackends.length <= 1
    ? createCoocenterActions(createCoocenterClient(setup.vendorApi), { notes, isConnected: isVendorUp })
    : undefined;
  const popUrl = setup.popUrl ?? loadPopUrl(db);
  return createActionService({
    model,
    audit: createAuditLog(db),
    backends: { ...(ami ? { ami } : {}), ...(coocenter ? { coocenter } : {}) },
    pauseReasons: loadPauseReasons(db),
    wrapup: loadWrapupOptions(db),
    ...(popUrl ? { popUrl } : {}),
    ...(setup.recordingsDir ? { recordingsDir: setup.recordingsDir } : {}),
    ...(setup.scheduler ? { scheduler: setup.scheduler } : {}),
    warn: (message, detail) => log.warn(message, detail),
  });
}
