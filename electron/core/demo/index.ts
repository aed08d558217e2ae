export { startDemoPbx } from './demo-pbx';
export type { DemoPbx, DemoPbxOptions, ScriptedInboundCall } from './demo-pbx';
export { demoPbxCommand, parseDemoPbxArgs } from './cli';
export type { VendorPush } from './pbx';
export type { DeviceState } from './pbx-state';
export { amiTargetOf, startDemoPbxFor, DEMO_WEBKEY } from './with-core';
