import type { ActionService } from '../actions/service';
import type { AlertEngine } from '../alerts/engine';
import type { LiveModel } from '../live/model';
import type { SecretStore } from '../security/secret-store';
import type { Db } from '../store/database';
import type { Logger } from '../base/logger';
import type { Caller } from '../contract';
import type { Reads } from '../store/reads';
import type { ReportSchedules } from './start-report-schedules';

/** What a handler may use. Grows as domains are added; nothing here knows Electron. */
export interface CoreContext {
  model: LiveModel;
  db: Db;
  log: Logger;
  caller?: Caller;
  /** Supervisor actions; with no PBX backend configured, the service answers `disconnected`. */
  actions: ActionService;
  /** What handlers may know of the core's own configuration (settings.receiverUrls, testVendorApi). */
  config?: { receiverPort?: number; receiverHost?: string; timeZone: string; connectionsSource?: 'flags' | 'settings'; historySource?: 'flags' | 'settings'; vendorApiBaseUrl?: string };
  /** The secret store (AMI secrets of stored connections); absent in tests and embedders without one. */
  secrets?: SecretStore;
  /** Today's figures: told when the statistics rules change so every screen recounts at once. */
  days?: { rulesChanged(): void };
  /** History reads off the main thread, rate-limited per client (reads.ts); without it, one per database with the defaults. */
  reads?: Reads;
  /** The alert rules at work (alerts/engine.ts); absent in tests that do not start it. */
  alerts?: AlertEngine;
  /** Scheduled reports (start-report-schedules.ts); absent in tests and embedders that do not start them. */
  reportSchedules?: ReportSchedules;
}
