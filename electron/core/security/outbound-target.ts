import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, isIPv4 } from 'node:net';

/**
 * Addresses a URL typed into Settings must not make the core fetch (SSRF): the
 * machine itself, link-local (cloud metadata at 169.254.169.254), private and
 * shared ranges, multicast and "this network". The vendor box is usually on a
 * private LAN address, so the configured one is allowed by its origin, not here.
 */
const internal = new BlockList();
for (const [network, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 3]] as const) {
  internal.addSubnet(network, bits, 'ipv4');
}
for (const [network, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) internal.addSubnet(network, bits, 'ipv6');

export function isInternalAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  const ip = mapped ? mapped[1]! : plain;
  if (isIP(ip) === 0) return false;
  return internal.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6');
}

export class InternalTargetError extends Error {
  readonly code = 'ERR_INTERNAL_TARGET';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses a host resolving to an internal address.
 * The check runs on the addresses the socket will connect to, so a name that
 * resolves differently the second time (DNS rebinding) cannot slip past it.
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((entry) => isInternalAddress(entry.address));
    if (blocked) return callback(new InternalTargetError(`${hostname} resolves to ${blocked.address}, an internal address`), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
