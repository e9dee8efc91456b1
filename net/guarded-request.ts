/**
 * An outbound POST that goes only where the address policy allows: the host is vetted when configured
 * and every address is vetted again as the connection is made (so DNS cannot switch it to an internal
 * one), redirects are never followed, and failures say nothing about what is listening where.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AllowList, isSpecialAddress } from './address-policy';

/** The address is one this product does not send to: not retried any differently, but named as such. */
export class UnsafeAddressError extends Error {
  /** The same refusal in English, for a reader who asked for it. */
  readonly english: string;
  constructor(address: string, protocol = false) {
    super(
      protocol
        ? `接收地址使用了不支持的 ${address} 协议（只可使用 http 或 https），已拒绝发送`
        : `接收地址指向内网或保留地址（${address}），管理员未允许，已拒绝发送`,
    );
    this.english = protocol
      ? `the address uses the ${address} protocol (only http and https are sent to); refused`
      : `the address points to an internal or reserved address (${address}) the administrator has not allowed; refused`;
    this.name = 'UnsafeAddressError';
  }
}

/** A send that did not get a 2xx answer; the message is safe to show (no ports, no connection details). */
export class DeliveryFailedError extends Error {
  constructor(readonly status: number | null) {
    super(
      status === null
        ? '无法送达：未能连接接收方或接收方未及时答复'
        : status >= 300 && status < 400
          ? `无法送达：接收方答复 HTTP ${status}（重定向不跟随）`
          : `无法送达：接收方答复 HTTP ${status}`,
    );
    this.name = 'DeliveryFailedError';
  }
}

function parse(url: string): URL {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UnsafeAddressError(parsed.protocol, true);
  return parsed;
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');
const portOf = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');

function check(address: string, allow: AllowList): void {
  if (isSpecialAddress(address) && !allow.allowsAddress(address)) throw new UnsafeAddressError(address);
}

/**
 * Checks a URL before it is stored: its scheme, and every address its host resolves to now. The WHATWG
 * URL parser has already turned spellings like 0x7f000001 or 2130706433 into 127.0.0.1.
 */
export async function vetUrl(url: string, allow: AllowList): Promise<void> {
  const u = parse(url);
  const host = bare(u.hostname);
  if (allow.allowsHost(host, portOf(u))) return;
  if (isIP(host)) return check(host, allow);
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
  );
  for (const a of addresses) check(a.address, allow);
}

function guardedLookup(allow: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const bad = found.find((a) => isSpecialAddress(a.address) && !allow.allowsAddress(a.address));
      if (bad) return callback(new UnsafeAddressError(bad.address), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
      const first = found[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

export interface GuardedPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  allow: AllowList;
  timeoutMs: number;
}

export async function guardedPost(post: GuardedPost): Promise<number> {
  return (await guardedExchange(post)).status;
}

/** The most of an answer read back: vendors answer a few hundred bytes of JSON. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * The guarded POST, also reading the 2xx answer's body: the robots and SMS services answer HTTP 200 and
 * say in the JSON whether they took the message.
 */
export async function guardedExchange({
  url,
  headers,
  body,
  allow,
  timeoutMs,
}: GuardedPost): Promise<{ status: number; body: string }> {
  const u = parse(url);
  const host = bare(u.hostname);
  const byName = allow.allowsHost(host, portOf(u));
  if (!byName && isIP(host)) check(host, allow);
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    timeout: timeoutMs,
    ...(byName ? {} : { lookup: guardedLookup(allow) }),
  };
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(u, options, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.resume();
        reject(new DeliveryFailedError(status));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => reject(new DeliveryFailedError(null)));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new DeliveryFailedError(null)));
    req.on('error', (error) =>
      reject(
        error instanceof UnsafeAddressError || error instanceof DeliveryFailedError
          ? error
          : new DeliveryFailedError(null),
      ),
    );
    req.end(body);
  });
}
