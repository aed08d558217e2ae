export { startAmiBackend, type AmiBackend, type AmiBackendOptions, type AmiTarget } from './backend';
export { AmiClient, defaultKeptVariables, type AmiClientListener, type AmiClientOptions } from './client';
export { AmiSession, type AmiActionFields, type AmiListResult } from './session';
export { AmiError, type AmiErrorCode } from './errors';
export { AmiFrameParser, type AmiFrameParserOptions } from './frame-parser';
export { AmiFrameBound, DEFAULT_MAX_FRAME_BYTES } from './frame-bound';
export { header, headerList, formatAction, varSetName, type AmiMessage } from './message';
export { backoffDelayMs, defaultBackoff, type BackoffOptions } from './backoff';
export { blacklistFromDatabaseShow, blacklistFromTree, defaultBlacklistFamily, readBlacklist, takeSnapshot, type PbxSnapshot } from './snapshot';
