import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';

/** Why a server-side request was not made or gave nothing usable. */
export type FetchErrorCode = 'invalidUrl' | 'privateAddress' | 'unresolvable' | 'timeout' | 'tooLarge' | 'tooManyRedirects' | 'httpStatus' | 'network';

/** A request refused or failed, with what to tell an operator (never a secret: URLs of feeds are not secret). */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface SafeFetchOptions {
  /** Let requests reach loopback, private, link-local and metadata addresses (`FEEDS_ALLOW_PRIVATE`). */
  readonly allowPrivate: boolean;
  /** Which addresses a request may go to, in place of the rule `allowPrivate` sets (for tests of the rule's use). */
  readonly allowAddress?: (address: string) => boolean;
  /** For the whole request, redirects included. */
  readonly timeoutMs?: number;
  /** The largest body accepted, after decompression. */
  readonly maxBytes?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly maxRedirects?: number;
}

export interface SafeResponse {
  readonly status: number;
  /** The address answered from, after redirects. */
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/**
 * Addresses that are unicast but still reach the cloud's own services: Azure's host endpoint (wire server) beside
 * the metadata service at 169.254.169.254, which is link-local and refused with its range.
 */
const METADATA = new Set(['168.63.129.16']);

/** True for an address a request from the bot may go to: public unicast only (IPv4-mapped IPv6 judged as IPv4). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast' && !METADATA.has(parsed.toString());
}

/**
 * Resolves host names for a request and refuses the request when any address the name resolves to is not public
 * (a name with one public and one private address could be made to connect to the private one). The check runs
 * when the socket connects, on the addresses it connects to, so a name that resolves differently a second time
 * (DNS rebinding) is checked again, and so is every host a redirect leads to.
 */
function guardedLookup(allowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true, family: options.family }, (error, addresses) => {
      if (error) return callback(new FetchError('unresolvable', `${hostname} cannot be resolved (${error.code ?? error.message})`), '', 0);
      const refused = addresses.find((a) => !allowed(a.address));
      if (refused) return callback(new FetchError('privateAddress', `${hostname} resolves to ${refused.address}, which is not a public address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new FetchError('unresolvable', `${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** The address rule of a request. */
function addressRule(options: SafeFetchOptions): (address: string) => boolean {
  return options.allowAddress ?? (options.allowPrivate ? () => true : isPublicAddress);
}

/** Checks an address before a request: http(s), and a literal IP (which is not looked up) allowed. */
function checkUrl(raw: string, allowed: (address: string) => boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('invalidUrl', `"${raw}" is not an address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('invalidUrl', `${url.protocol} addresses are not fetched, only http and https`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !allowed(host)) throw new FetchError('privateAddress', `${host} is not a public address`);
  return url;
}

/**
 * A GET from the bot's server to an address a user or an operator gave (a feed, a page whose title is wanted),
 * which must not reach the bot's own network: only http(s), only public addresses (see {@link guardedLookup}),
 * redirects followed by hand and checked like the first address, one deadline for the whole request, and the body
 * cut off beyond `maxBytes` (also after gzip/deflate/brotli decompression, so a small compressed bomb is no way round).
 */
export async function safeFetch(raw: string, options: SafeFetchOptions): Promise<SafeResponse> {
  const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let current = raw;
  for (let redirects = 0; ; redirects++) {
    const url = checkUrl(current, addressRule(options));
    const response = await requestOnce(url, options, deadline);
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
      if (redirects >= (options.maxRedirects ?? MAX_REDIRECTS)) throw new FetchError('tooManyRedirects', `more than ${options.maxRedirects ?? MAX_REDIRECTS} redirects`);
      current = new URL(location, url).toString();
      continue;
    }
    return { ...response, url: url.toString() };
  }
}

function requestOnce(url: URL, options: SafeFetchOptions, deadline: AbortSignal): Promise<Omit<SafeResponse, 'url'>> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => reject(error instanceof FetchError ? error : deadline.aborted ? new FetchError('timeout', `no complete answer within ${(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s`) : new FetchError('network', (error as Error).message));
    const request = client.get(
      url,
      {
        lookup: guardedLookup(addressRule(options)),
        // A fresh connection per request: a kept-alive socket would skip the address check of its lookup.
        agent: false,
        signal: deadline,
        headers: { 'user-agent': 'Kuemmerer-Bot (feed reader)', 'accept-encoding': 'gzip, deflate, br', ...options.headers },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if ((status >= 300 && status < 400) || status === 204) {
          response.resume();
          return resolve({ status, headers: response.headers, body: Buffer.alloc(0) });
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > maxBytes) {
          response.destroy();
          return reject(new FetchError('tooLarge', `the answer is larger than ${maxBytes} bytes (${declared})`));
        }
        const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
        const decoder = encoding === 'gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : undefined;
        const stream = decoder ? response.pipe(decoder) : response;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            stream.destroy();
            reject(new FetchError('tooLarge', `the answer is larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks) }));
        stream.on('error', fail);
        response.on('error', fail);
      },
    );
    request.on('error', fail);
  });
}
