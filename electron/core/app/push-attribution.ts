import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Logger } from '../base/logger';
import type { AmiTarget } from '../config/config';
import { normaliseIp } from '../server/listening';

/**
 * Which PBX a push comes from, for a console of several PBXs: a push names no PBX, so
 * it is known by its sender, the address of one PBX's AMI host (resolved once at
 * start). An address two PBXs share says nothing and is nobody's.
 */
export interface PushAttribution {
  pbxOf(remote: string): string | undefined;
}

export async function attributePushes(targets: readonly AmiTarget[], log: Logger, resolve = resolveHost): Promise<PushAttribution> {
  const owners = new Map<string, Set<string>>();
  for (const target of targets) {
    const addresses = await resolve(target.host).catch((error: unknown) => {
      log.warn(`pushes of PBX ${target.id} will be refused: its host ${target.host} does not resolve (${error instanceof Error ? error.message : String(error)})`);
      return [];
    });
    for (const address of addresses) owners.set(normaliseIp(address), (owners.get(normaliseIp(address)) ?? new Set()).add(target.id));
  }
  const byAddress = new Map<string, string>();
  for (const [address, pbxs] of owners) {
    if (pbxs.size === 1) byAddress.set(address, [...pbxs][0] as string);
    else log.warn(`pushes from ${address} will be refused: PBXs ${[...pbxs].join(', ')} all have that address, so a push from it could be either's`);
  }
  return { pbxOf: (remote) => byAddress.get(normaliseIp(remote)) };
}

async function resolveHost(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  return (await lookup(host, { all: true })).map((found) => found.address);
}
