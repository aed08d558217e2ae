// Callboard as the vendor API gateway for a plain Asterisk: the 15
// passive endpoints over AMI, the seven pushes from AMI events, an SQLite outbox.
export { startGateway, pushConnectionOf, type Gateway, type GatewayOptions } from './gateway';
export { defaultGatewayConfig, gatewayConfigFromApiConf, gatewayConfigOf, type GatewayConfig } from './config';
export { createPushOutbox, type PushDeliveryStatus, type PushOutbox, type PushOutboxOptions } from './outbox';
export { createPushAssembly, type PushAssembly, type PushAssemblyOptions, type WrapupLink } from './push-assembly';
export { CcCdrAssembler, type AssembledCcCdr, type CcCdrOptions } from './cc-cdr';
export { ChannelFactsTracker, gatewayVariables, type ChannelFacts } from './channel-facts';
export { IvrSteps, type IvrSummary } from './ivr-steps';
export { simplePushOf, type VendorPushBody } from './simple-pushes';
export { createGatewayHttp, type GatewayHttp, type GatewayHttpOptions } from './http-api';
export { resolveMonitorFile } from './monitor-files';
export { gatewayCommand, gatewayUsage, parseGatewayArgs, runGateway } from './cli';
