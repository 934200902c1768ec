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
  const bytes = new Uint8Array(16);
  // 48-bit big-endian timestamp: split in two because bitwise operators are 32-bit.
  const high = Math.floor(now / 2 ** 32);
  const low = now >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes.set(rand.subarray(0, 10), 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[bytes[i]!]!;
  }
  return out;
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
