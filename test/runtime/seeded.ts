/**
 * Seeded random inputs and the normwise error the kernel tests compare with.
 * Imports nothing, so the browser bundle of the GPU tests (test/gpu) can use it.
 */

/** Deterministic PRNG (mulberry32) so a failing random case can be replayed. */
export function rng(seed: number): {
  int(lo: number, hi: number): number;
  float(): number;
  pick<T>(xs: T[]): T;
} {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    float: () => next() * 2 - 1,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  };
}

export function randomValues(
  r: ReturnType<typeof rng>,
  size: number,
): Float32Array {
  const v = new Float32Array(size);
  for (let i = 0; i < size; i++) v[i] = r.float();
  return v;
}

/** max|a − b| / max|b| (normwise relative error; 0 when both are all zeros). */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}
