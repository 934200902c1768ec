/**
 * Record ids: UUIDv7 (RFC 9562 §5.7), made once when a record is created and never reused. The
 * 48-bit Unix-millisecond prefix makes ids sort by creation time, which keeps SQLite's primary-key
 * index append-mostly. Clock and randomness are ports, so ids are deterministic in tests.
 */
import { StationError } from '../errors.js';

const MAX_MS = 2 ** 48 - 1;

/**
 * The character codes of each byte value's two hex digits. The id is built from char codes in one
 * `String.fromCharCode`: concatenating its 13 pieces made every id a chain of ~12 cons strings
 * (~400 bytes on the heap instead of ~50), which an import keeps alive for 150k ids through the
 * preview and the commit (young-generation copies), and which had to be flattened again to be
 * hashed or bound to SQLite.
 */
const HI = Uint8Array.from({ length: 256 }, (_, b) => (b >>> 4).toString(16).charCodeAt(0));
const LO = Uint8Array.from({ length: 256 }, (_, b) => (b & 15).toString(16).charCodeAt(0));
const DASH = 0x2d;

/** Where each of the 16 bytes' hex digits start in `tttttttt-tttt-7xxx-yxxx-xxxxxxxxxxxx`. */
const AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** One id's char codes, reused (ids are made one at a time); the dashes never move. */
const codes: number[] = Array.from({ length: 36 }, () => DASH);

function put(index: number, byte: number): void {
  const at = AT[index]!;
  codes[at] = HI[byte]!;
  codes[at + 1] = LO[byte]!;
}

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
  // The 48-bit big-endian millisecond timestamp (split: bitwise operators are 32-bit).
  const high = Math.floor(now / 2 ** 32);
  const low = now >>> 0;
  put(0, (high >>> 8) & 0xff);
  put(1, high & 0xff);
  put(2, (low >>> 24) & 0xff);
  put(3, (low >>> 16) & 0xff);
  put(4, (low >>> 8) & 0xff);
  put(5, low & 0xff);
  put(6, 0x70 | (rand[0]! & 0x0f));
  put(7, rand[1]!);
  put(8, 0x80 | (rand[2]! & 0x3f));
  for (let i = 3; i < 10; i++) put(i + 6, rand[i]!);
  return String.fromCharCode.apply(null, codes);
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
