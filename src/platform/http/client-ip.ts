// The client's address, for rate limits, sessions and the audit trail. Behind proxies the address
// comes from X-Forwarded-For, which the client can write too: every proxy *appends* the address it
// saw, so only the entries added by our own proxies can be believed. We walk the chain from the
// right (the socket, then the last entry, …) past our proxies and take the first address that is not
// one of them. The leftmost entry is whatever the client sent and is never trusted on its own.
import net from 'node:net';
import type { Context } from 'hono';
import type { Env } from './context.ts';

/** GAPURA_TRUST_PROXY: off, a number of proxy hops in front of Gapura, or the proxies' addresses. */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

/** Parse the setting; a message (for ConfigError) when it is neither a count nor a list of addresses. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | string {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'no' || v === '0') return false;
  if (v === 'true' || v === 'yes') return { hops: 1 };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 20 ? { hops } : 'GAPURA_TRUST_PROXY: at most 20 proxy hops.';
  }
  const addresses = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of addresses) {
    const [ip = '', bits, extra] = a.split('/');
    const kind = net.isIP(ip);
    const max = kind === 4 ? 32 : 128;
    if (!kind || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max)))
      return `GAPURA_TRUST_PROXY: "${a}" is not true/false, a number of proxies, or an IP address / CIDR range (e.g. 10.0.0.0/8,fd00::/8).`;
  }
  return { addresses };
}

const lists = new WeakMap<object, net.BlockList>();
function blockList(tp: { addresses: string[] }): net.BlockList {
  let list = lists.get(tp);
  if (!list) {
    list = new net.BlockList();
    for (const a of tp.addresses) {
      const [ip = '', bits] = a.split('/');
      const type = net.isIP(ip) === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) list.addAddress(ip, type);
      else list.addSubnet(ip, Number(bits), type);
    }
    lists.set(tp, list);
  }
  return list;
}

/** "::ffff:10.0.0.1" → "10.0.0.1", "[::1]:8080" → "::1", "10.0.0.1:8080" → "10.0.0.1"; undefined if not an IP. */
export function normalizeIp(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let s = raw.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracket) s = bracket[1]!;
  else if (/^[\d.]+:\d+$/.test(s)) s = s.slice(0, s.indexOf(':'));
  if (/^::ffff:[\d.]+$/i.test(s)) s = s.slice(7);
  return net.isIP(s) ? s.toLowerCase() : undefined;
}

function trusted(list: net.BlockList, ip: string): boolean {
  return list.check(ip, net.isIP(ip) === 4 ? 'ipv4' : 'ipv6');
}

/** The client address from the socket's peer and the X-Forwarded-For chain, per the setting. */
export function pickClientIp(tp: TrustProxy, socket: string | undefined, forwardedFor: string | undefined): string {
  const peer = normalizeIp(socket) ?? '127.0.0.1';
  if (!tp || !forwardedFor) return peer;
  // nearest hop last: [client?, proxy1, …, last proxy's peer]
  const chain = [...forwardedFor.split(',').map((s) => s.trim()).slice(-50), peer];
  if ('hops' in tp) {
    // with N proxies in front of us the client is N entries left of the socket
    return normalizeIp(chain[Math.max(0, chain.length - 1 - tp.hops)]) ?? peer;
  }
  const list = blockList(tp);
  for (let i = chain.length - 1; i >= 0; i--) {
    const ip = normalizeIp(chain[i]);
    // garbage in the chain (from the client's part of it): stop at the last address we could read
    if (!ip) return normalizeIp(chain[i + 1]) ?? peer;
    if (i === 0 || !trusted(list, ip)) return ip;
  }
  return peer;
}

export function clientIp(c: Context<Env>): string {
  // @hono/node-server exposes the socket as c.env.incoming
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return pickClientIp(c.get('app').config.trustProxy, incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'));
}
