// Supervisor actions (issue 7): one PbxActions interface, two backends, one service.
export type {
  BackendKind, BlacklistEntry, CallLeg, DialOutcome, PbxActions, RecordingStream, SpyMode, TransferKind,
} from './backend';
export { createAmiActions, type AmiActionsOptions } from './ami-actions';
export { amiPortFromBackend, amiPortFromClient, type AmiActionPort, type AmiBackendLike } from './ami-port';
export { createCoocenterActions, type CoocenterActionsOptions } from './coocenter-actions';
export { createMemoryBlacklistNotes, createSettingsBlacklistNotes, type BlacklistNote, type BlacklistNotes } from './blacklist-notes';
export { openLocalRecording, recordingContentType } from './local-recordings';
export { defaultPauseReasons, wrapupReason, type PauseReason } from './pause-reasons';
export { actionSettingKeys, defaultWrapupOptions, loadPauseReasons, loadPopUrl, loadWrapupOptions, saveWrapupOptions } from './action-settings';
export { realScheduler, type Scheduler } from './scheduler';
export { screenPopUrl, type ScreenPop } from './screen-pop';
export { createActionService, type ActionActor, type ActionService, type ActionServiceOptions, type CallTarget } from './service';
export type { ActiveWrapup, WrapupEnded, WrapupOptions } from './wrapup';
export { startActionService, type ActionsSetup } from './start';
