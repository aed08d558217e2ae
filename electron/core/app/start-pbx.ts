import { startAmiBackend, type AmiBackend } from '../live/ami-backend';
import { localAttempt, qualifyAttempt, qualifyCallRecord } from '../live/pbx-qualify';
import { scopePbx } from '../live/pbx-scope';
import { defaultKeptVariables } from '../ami/client';
import { gatewayVariables } from '../gateway';
import type { CoreConfig } from '../config/config';
import type { LiveModel } from '../live/model';
import { createCoocenterClient } from '../vendor-api/client';
import { createCoocenterPoller } from '../vendor-api/poller';
import { redactUrlCredentials } from '../base/redact-url';
import type { HistorySink } from './start-history';
import type { Lifetime } from '../base/lifetime';
import type { Logger } from '../base/logger';

/**
 * The PBX connections: one AMI backend per configured PBX, and the vendor
 * API poller when the box is the only source of live state (with AMI as well,
 * AMI is live state and the vendor API only an action fallback).
 */
export function startPbxConnections(config: CoreConfig, model: LiveModel, history: HistorySink, log: Logger, lifetime: Lifetime): PbxBackend[] {
  // With several PBXs, each gets its own model whose ids reach the shared one with the PBX's prefix (contract/pbx-ids.ts).
  const isShared = config.ami.length > 1;
  const open = history.openAttempts();
  const amiBackends = config.ami.map((target): PbxBackend => {
    // The gateway reads a few channel variables (IVR convention, recording name) that the live model alone would filter out.
    const keptVariables = config.gatewayApiConf ? [...defaultKeptVariables, ...gatewayVariables] : defaultKeptVariables;
    const scope = isShared ? scopePbx(model, target.id) : undefined;
    const backend = startAmiBackend(target, scope?.model ?? model, log, { client: { keptVariables }, ...(config.liveLimits ? { limits: config.liveLimits } : {}) });
    // Queue passes still open when the core stopped continue (or end, if the PBX no longer has the caller).
    backend.attempts.restore(scope ? open.flatMap((attempt) => localAttempt(target.id, attempt) ?? []) : open);
    lifetime.defer(backend.attempts.onChange(scope ? (attempt) => history.recordAttempt(qualifyAttempt(target.id, attempt)) : history.recordAttempt));
    backend.onCallFinished(scope ? (record) => history.recordCall(qualifyCallRecord(target.id, record)) : history.recordCall);
    lifetime.defer(async () => {
      await backend.stop();
      scope?.stop();
    });
    return { pbx: target.id, backend, model: scope?.model ?? model };
  });
  if (config.vendorApi && amiBackends.length === 0) {
    const { baseUrl, pollSeconds } = config.vendorApi;
    const client = createCoocenterClient({ baseUrl, webkey: config.webkey, timeZone: config.timeZone });
    const poller = createCoocenterPoller({ client, model, log, target: redactUrlCredentials(baseUrl), intervalMs: pollSeconds * 1000, timeZone: config.timeZone });
    poller.start();
    lifetime.defer(() => poller.stop());
  }
  return amiBackends;
}

/** An AMI backend and the PBX (connection id) whose ids it owns. */
export interface PbxBackend {
  pbx: string;
  backend: AmiBackend;
  /** The model it writes into, in the PBX's own ids: the shared one when it is the only PBX (live/pbx-scope.ts). */
  model: LiveModel;
}
