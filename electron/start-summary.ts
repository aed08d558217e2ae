import type { Core } from './core/app/core';
import { cacheFileOf } from './core/config/config';

/**
 * What a started `serve` or `demo` is doing, in the lines a newcomer reads
 * before the URL: which PBX it watches, who may act, where the PBX should
 * push, where the cache is.
 */
export function startSummary(core: Core): string[] {
  const { config } = core;
  const pbx = config.ami.length > 0
    ? `watching ${config.ami.map((target) => `${config.ami.length > 1 ? `${target.id} ` : ''}AMI ${target.username}@${target.host}:${target.port}`).join(', ')}`
    : config.vendorApi ? `polling the vendor API ${config.vendorApi.baseUrl}` : 'no PBX configured: add one in Settings → PBX connections (applies after a restart)';
  return [
    `PBX: ${pbx}${config.vendorApi && config.ami.length > 0 ? `; vendor API ${config.vendorApi.baseUrl} as action fallback` : ''}`,
    operatorsLine(config),
    core.receiverPort && config.receiver
      ? `push receiver: ${config.receiver.host}:${core.receiverPort} (the PBX's api.conf URL= points here)`
      : 'push receiver: off',
    `cache: ${cacheFileOf(config.dataDir)}`,
  ];
}

function operatorsLine(config: Core['config']): string {
  const names = config.tokens.map(({ name }) => name);
  if (!config.token && names.length === 0) return 'operators: only this machine (loopback) may act; other machines see a read-only console';
  const who = [...(config.token ? ['the operator token'] : []), ...(names.length > 0 ? [`the tokens of ${names.join(', ')}`] : [])].join(' or ');
  return `operators: clients with ${who} may act (open the console once with ?token=…); others are read-only`;
}
