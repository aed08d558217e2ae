import { TokenBucketLimiter } from '../base/token-bucket';
import type { CoreConfig } from '../config/config';
import type { IvrStep } from '../contract';
import type { LiveModel } from '../live/model';
import type { Db } from '../store/database';
import { createEventLog, type EventLog } from '../store/event-log';
import { storeWriteWatch } from '../store/notices';
import { createPushTranslator, type IvrJourneyStep, type PushTranslator } from '../vendor-api/push-to-model';
import { qualifyCallRecord, qualifyIvrStep } from '../live/pbx-qualify';
import type { PushAttribution } from './push-attribution';
import type { PbxBackend } from './start-pbx';
import { createReceiver } from '../vendor-api/receiver';
import type { HistorySink } from './start-history';
import type { Lifetime } from '../base/lifetime';
import type { Logger } from '../base/logger';

/** The push receiver (vendor events), acknowledging each push only after it is in SQLite. Returns its port. */
export async function startPushReceiver(
  listen: { host: string; port: number },
  config: CoreConfig,
  db: Db,
  model: LiveModel,
  history: HistorySink,
  log: Logger,
  lifetime: Lifetime,
  /** A console of several PBXs: each push goes to the PBX it comes from, in that PBX's own model and ids. */
  several?: { attribution: PushAttribution; pbxs: readonly PbxBackend[] },
): Promise<number> {
  const eventLog = createEventLog(db);
  lifetime.defer(() => eventLog.close());
  // A push refused for a full or read-only disk (answered 503) is on every console too, not only in the log.
  const watch = storeWriteWatch(model, db.name);
  const watchedLog: EventLog = {
    append: (row) => watch.track(eventLog.append(row)),
    reject: (row) => watch.track(eventLog.reject(row)),
    flush: () => eventLog.flush(),
    close: () => eventLog.close(),
    get stats() {
      return eventLog.stats;
    },
  };
  const receiver = createReceiver({
    eventLog: watchedLog,
    model,
    log,
    webkey: config.webkey,
    timeZone: config.timeZone,
    allowIps: config.allowIps,
    // Far above a real box (a 2,000-agent center pushes hundreds/s), low enough that a runaway sender cannot starve SQLite.
    rateLimit: new TokenBucketLimiter({ ratePerSecond: 20_000, burst: 40_000 }),
    onCallRecord: history.recordCall,
    onIvrStep: (step) => history.recordIvrStep(ivrStepOf(step)),
    ...(several ? { translatorFor: translatorsByPbx(several.attribution, several.pbxs, history) } : {}),
  });
  const { port } = await receiver.listen(listen.host, listen.port);
  lifetime.defer(() => receiver.close());
  const target = `${listen.host}:${port}`;
  model.putConnection({ id: 'receiver', kind: 'receiver', target, state: 'connected', since: model.now(), detail: `listening for pushes on ${target}` });
  log.info(`push receiver listening on http://${target}/`);
  return port;
}

function translatorsByPbx(attribution: PushAttribution, pbxs: readonly PbxBackend[], history: HistorySink): (remote: string) => PushTranslator | undefined {
  const translators = new Map(pbxs.map(({ pbx, model }) => [pbx, createPushTranslator({
    model,
    onCallRecord: (record) => history.recordCall(qualifyCallRecord(pbx, record)),
    onIvrStep: (step) => history.recordIvrStep(qualifyIvrStep(pbx, ivrStepOf(step))),
  })]));
  return (remote) => {
    const pbx = attribution.pbxOf(remote);
    return pbx === undefined ? undefined : translators.get(pbx);
  };
}

function ivrStepOf(step: IvrJourneyStep): IvrStep {
  return {
    uniqueid: step.callId,
    ivrId: step.ivrId ?? '',
    ivrName: step.ivrName,
    dtmf: step.dtmf,
    startAt: step.startedAt ?? step.endedAt ?? Date.now(),
    endAt: step.endedAt,
  };
}
