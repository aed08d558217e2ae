// The vendor box's HTTP API (coocenter-api.md): push receiver and endpoint client.
export { createReceiver, resolveEventType, type Receiver, type ReceiverOptions, type ReceiverStats } from './receiver';
export { createPushTranslator, type IvrJourneyStep, type PushTranslator } from './push-to-model';
export { KNOWN_EVENT_TYPES, canonicalEventType, validatePush, type KnownEventType, type PushedEvent } from './push-schemas';
export { decodePushBody, type DecodedBody } from './push-body';
export { parsePbxTime } from './pbx-time';
export { createCoocenterClient, type CoocenterClient, type CoocenterClientOptions, type Recording } from './client';
export type { CurrentChannel, ExtensionHint, PeerStatus, QueueMembership } from './client-answers';
export { createCoocenterPoller, type CoocenterPoller, type CoocenterPollerOptions } from './poller';
export { parseApiConf, receiverUrls, type VendorApiConf } from './api-conf';
export { DEFAULT_PBX_TIME_ZONE, isWebkeyAuthorized, pbxDate, webkeyToken } from './webkey';
