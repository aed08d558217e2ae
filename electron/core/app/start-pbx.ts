import { startAmiBackend, type AmiBackend } from '../live/ami-backend';
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
export function startPbxConnections(config: CoreConfig, model: LiveModel, history: HistorySink, log: Logger, lifetime: Lifetime): AmiBackend[] {
  const amiBackends = config.ami.map((target, index) => {
    // The gateway reads a few channel variables (IVR convention, recording name) that the live model alone would filter out.
    const keptVariables = config.gatewayApiConf ? [...defaultKeptVariables, ...gatewayVariables] : defaultKeptVariables;
    const backend = startAmiBackend(target, model, log, { client: { keptVariables }, ...(config.liveLimits ? { limits: config.liveLimits } : {}) });
    // Queue passes still open when the core stopped continue (or end, if the PBX no longer has the caller).
    // Ids of several PBXs share one space (README, known limits): the first PBX takes them.
    if (index === 0) backend.attempts.restore(history.openAttempts());
    lifetime.defer(backend.attempts.onChange(history.recordAttempt));
    backend.onCallFinished(history.recordCall);
    lifetime.defer(() => backend.stop());
    return backend;
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
