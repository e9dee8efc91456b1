/**
 * Where this product may send a request a user configured (a department's webhook): never to loopback,
 * link-local, private or otherwise special addresses, unless an administrator allowed that host or
 * network. Checked when the address is configured and again on the address actually connected to.
 */
import { BlockList, isIP } from 'node:net';

const SPECIAL_V4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const;
const SPECIAL_V6 = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const;

const special = new BlockList();
for (const [net, prefix] of SPECIAL_V4) special.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of SPECIAL_V6) special.addSubnet(net, prefix, 'ipv6');

/** An IPv4 address written inside IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1) is judged as the IPv4 it is. */
function unmapped(ip: string): { ip: string; family: 'ipv4' | 'ipv6' } {
  const lower = ip.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return { ip: dotted[1] as string, family: 'ipv4' };
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1] as string, 16);
    const lo = parseInt(hex[2] as string, 16);
    return { ip: [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.'), family: 'ipv4' };
  }
  return { ip, family: isIP(ip) === 4 ? 'ipv4' : 'ipv6' };
}

export function isSpecialAddress(ip: string): boolean {
  const { ip: address, family } = unmapped(ip);
  return special.check(address, family);
}

/** What an administrator allowed: host names (any port), `host:port`, and networks in CIDR notation. */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly networks = new BlockList();

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
      if (cidr && isIP(cidr[1] as string)) {
        const family = isIP(cidr[1] as string) === 4 ? 'ipv4' : 'ipv6';
        this.networks.addSubnet(cidr[1] as string, Number(cidr[2]), family);
      } else if (isIP(entry)) {
        this.networks.addAddress(entry, isIP(entry) === 4 ? 'ipv4' : 'ipv6');
      } else {
        this.hosts.add(entry);
      }
    }
  }

  /** The configured host (with or without its port) was allowed by name. */
  allowsHost(hostname: string, port: string): boolean {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
    return this.hosts.has(host) || this.hosts.has(`${host}:${port}`);
  }

  allowsAddress(ip: string): boolean {
    const { ip: address, family } = unmapped(ip);
    return this.networks.check(address, family) || this.hosts.has(address);
  }
}

/** Why an allow-list entry is not one, or null. */
export function allowEntryProblem(entry: string, lang: 'zh' | 'en' = 'zh'): string | null {
  const e = entry.trim();
  const cidr = /^(.+)\/(\d{1,3})$/.exec(e);
  if (cidr) {
    const family = isIP(cidr[1] as string);
    const prefix = Number(cidr[2]);
    if (!family || prefix > (family === 4 ? 32 : 128))
      return lang === 'en'
        ? `"${entry}" is not a valid network (CIDR)`
        : `「${entry}」不是有效的网段（CIDR）`;
    return null;
  }
  if (isIP(e)) return null;
  if (/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:\d{1,5})?$/i.test(e)) return null;
  return lang === 'en'
    ? `"${entry}" is not a host name, host:port, IP address or network`
    : `「${entry}」不是主机名、主机名:端口、IP 地址或网段`;
}
