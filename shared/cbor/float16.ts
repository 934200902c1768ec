/** IEEE 754 binary16 ⇄ JS number, for CBOR's shortest-float rule (RFC 8949 §4.2.1). */

/** IEEE 754 half precision bits when `v` (already float32-exact) fits exactly, else -1. */
export function toHalf(v: number): number {
  const f32 = new Float32Array([v]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return mant === 0 ? sign | 0x7c00 : -1;
  if (exp === 0 && mant === 0) return sign;
  const e = exp - 127;
  if (e >= -14 && e <= 15) return (mant & 0x1fff) === 0 ? sign | ((e + 15) << 10) | (mant >>> 13) : -1;
  if (e < -14) {
    const m = Math.abs(v) * 2 ** 24;
    return Number.isInteger(m) && m < 1024 ? sign | m : -1;
  }
  return -1;
}

export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
