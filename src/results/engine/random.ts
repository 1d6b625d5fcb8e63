/**
 * xoshiro128** (Blackman & Vigna): a small, fast PRNG with a 128-bit state, good enough for resampling
 * and fully reproducible. Seeded from 16 bytes of the input's sha256, so the bootstrap depends on nothing
 * but the input.
 */
export function xoshiro128ss(seed: Uint8Array): () => number {
  let a = readU32(seed, 0);
  let b = readU32(seed, 4);
  let c = readU32(seed, 8);
  let d = readU32(seed, 12);
  if ((a | b | c | d) === 0) a = 0x9e3779b9; // the all-zero state is a fixed point
  /** uniform in [0, 1) with 32 bits of resolution */
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}
