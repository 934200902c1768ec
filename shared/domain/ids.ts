/**
 * Record ids: UUIDv7 (RFC 9562 §5.7), made once when a record is created and never reused. The
 * 48-bit Unix-millisecond prefix makes ids sort by creation time, which keeps SQLite's primary-key
 * index append-mostly. Clock and randomness are ports, so ids are deterministic in tests.
 */
import { StationError } from '../errors.js';

const MAX_MS = 2 ** 48 - 1;

/** Two hex digits per byte value: an import makes 150k ids, and per-byte formatting cost ~3 µs each. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * A UUIDv7 from `now` (Unix milliseconds) and 10 random bytes (74 random bits used: rand_a and
 * rand_b). Two ids in the same millisecond are not ordered between themselves (the RFC's optional
 * monotonic counter is not used: creation time, not the id, orders records made together).
 */
export function uuidv7(now: number, random: (n: number) => Uint8Array): string {
  if (!Number.isInteger(now) || now < 0 || now > MAX_MS) {
    throw new StationError('UUID_CLOCK_INVALID', 'Đồng hồ không hợp lệ khi tạo mã bản ghi.', 'Invalid clock value for a record id.', { now });
  }
  const rand = random(10);
  if (!(rand instanceof Uint8Array) || rand.length < 10) {
    throw new StationError('UUID_RANDOM_INVALID', 'Nguồn ngẫu nhiên không trả đủ byte.', 'The random source returned too few bytes.');
  }
  return timePrefix(now) + HEX[0x70 | (rand[0]! & 0x0f)]! + HEX[rand[1]!]! + '-' + HEX[0x80 | (rand[2]! & 0x3f)]! + HEX[rand[3]!]! + '-' +
    HEX[rand[4]!]! + HEX[rand[5]!]! + HEX[rand[6]!]! + HEX[rand[7]!]! + HEX[rand[8]!]! + HEX[rand[9]!]!;
}

// The ids of one import are drawn within a few milliseconds: their time part is formatted once.
let prefixOf = -1;
let prefix = '';

/** `tttttttt-tttt-`: the 48-bit big-endian millisecond timestamp (split: bitwise operators are 32-bit). */
function timePrefix(now: number): string {
  if (now !== prefixOf) {
    const high = Math.floor(now / 2 ** 32);
    const low = now >>> 0;
    prefix = HEX[(high >>> 8) & 0xff]! + HEX[high & 0xff]! + HEX[(low >>> 24) & 0xff]! + HEX[(low >>> 16) & 0xff]! + '-' + HEX[(low >>> 8) & 0xff]! + HEX[low & 0xff]! + '-';
    prefixOf = now;
  }
  return prefix;
}

/** A UUID in its canonical 8-4-4-4-12 hex form (any version, either case). */
export function isUuid(s: string): boolean {
  return typeof s === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

/** A UUID of version 7 and the RFC 9562 variant. */
export function isUuidV7(s: string): boolean {
  return isUuid(s) && s[14] === '7' && '89abAB'.includes(s[19] ?? '');
}

/** The creation time (Unix ms) a UUIDv7 carries. */
export function uuidv7Time(s: string): number | null {
  if (!isUuidV7(s)) return null;
  return parseInt(s.slice(0, 8) + s.slice(9, 13), 16);
}
