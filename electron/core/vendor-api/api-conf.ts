import { parse } from 'ini';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** The vendor box's `api.conf` (coocenter-api.md "Configuration file"), in our names. */
export interface VendorApiConf {
  /** BINDPORT: where the box's vendor API listens. */
  bindPort?: number;
  /** URL: where the box POSTs its events (should be Callboard's receiver). */
  url?: string;
  /** WEBKEY: empty when absent or commented out, which means "no check". */
  webkey: string;
  /** mac: the box's MAC, echoed in pushed events. */
  mac?: string;
  /** pop_url: screen-pop URL of the agent toolbar. */
  popUrl?: string;
  /** [enable] pausetime: automatic wrap-up after each answered call. */
  pauseTime: boolean;
}

type Section = Record<string, unknown>;

/** Keys are matched case-insensitively: the vendor file mixes BINDPORT and mac. */
function pick(section: Section | undefined, key: string): string | undefined {
  if (!section) return undefined;
  const found = Object.keys(section).find((name) => name.toLowerCase() === key.toLowerCase());
  const value = found === undefined ? undefined : section[found];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function sectionOf(parsed: Record<string, unknown>, name: string): Section | undefined {
  const found = Object.keys(parsed).find((key) => key.toLowerCase() === name);
  const value = found === undefined ? undefined : parsed[found];
  return value && typeof value === 'object' ? (value as Section) : undefined;
}

/**
 * Parse `api.conf` with the `ini` package: `;` and `#` comments (whole-line and
 * after a value), missing keys and a missing `[enable]` section are fine. Keys
 * outside a section are read as `[general]`. Note `ini` cuts a value at an
 * unquoted `;` or `#`, so a URL containing one must be quoted in the file.
 */
export function parseApiConf(text: string): VendorApiConf {
  const parsed = parse(text) as Record<string, unknown>;
  const general = { ...parsed, ...sectionOf(parsed, 'general') } as Section;
  const enable = sectionOf(parsed, 'enable');
  const port = Number(pick(general, 'BINDPORT'));
  const pauseTime = (pick(enable, 'pausetime') ?? pick(general, 'pausetime') ?? 'no').toLowerCase();
  return {
    bindPort: Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined,
    url: pick(general, 'URL'),
    webkey: pick(general, 'WEBKEY') ?? '',
    mac: pick(general, 'mac'),
    popUrl: pick(general, 'pop_url'),
    pauseTime: ['yes', 'y', 'true', '1', 'on'].includes(pauseTime),
  };
}

/**
 * The `URL=` values the box could use to reach this receiver: one per non-internal
 * IPv4 address of this machine (Settings shows them next to the imported file).
 */
export function receiverUrls(port: number, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  const addresses = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((info) => info.family === 'IPv4' && !info.internal)
    .map((info) => info.address);
  return [...new Set(addresses)].map((address) => `http://${address}:${port}`);
}
