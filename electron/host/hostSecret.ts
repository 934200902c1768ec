/**
 * The per-launch secret of the browser host: 32 random bytes, base64url. The page learns it from
 * the URL fragment (never sent to a server, never in a Referer) and offers it as a WebSocket
 * subprotocol `secret.<value>`, so a refused connection never becomes a WebSocket at all.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const RPC_SUBPROTOCOL = 'station.rpc.v1';
export const SECRET_SUBPROTOCOL_PREFIX = 'secret.';

export function newHostSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so that the lengths are equal (a length
 * check would leak the secret's length, and timingSafeEqual throws on unequal lengths).
 */
export function secretMatches(offered: string, secret: string): boolean {
  const a = createHash('sha256').update(offered, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The secret among the offered subprotocols, or null. */
export function secretFromProtocols(protocols: Iterable<string>): string | null {
  for (const p of protocols) if (p.startsWith(SECRET_SUBPROTOCOL_PREFIX)) return p.slice(SECRET_SUBPROTOCOL_PREFIX.length);
  return null;
}
