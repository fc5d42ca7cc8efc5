/**
 * Seeded, counter-based random numbers.
 *
 * An `Rng` is a 32-bit key plus a counter; draw `i` is `mix(key, i)`, so a stream's whole state is
 * one integer and a checkpoint can restore it exactly. `child(name)` derives a key from the
 * parent's key and the name (not from the parent's counter), so streams do not depend on the order
 * in which models, layers or data sets were created.
 */
import * as tf from "@tensorflow/tfjs-core";

/** Saved positions of every stream under a root `Rng`, keyed by the stream's path. */
export type RngState = Record<string, number>;

/** A deterministic random stream; children are cached, so `child("a")` twice is the same stream. */
export class Rng {
  /** Draws taken so far; the only mutable state. */
  counter = 0;
  private readonly children = new Map<string, Rng>();
  private readonly root: Rng;
  /** Restored counters for streams not created yet (a checkpoint may predate their creation). */
  private pending: RngState | null = null;

  /**
   * @param seed any integer; the root of a program is `new Rng(program.seed)`.
   * @param path the stream's name under its root ("" for the root).
   */
  constructor(seed: number, readonly path = "", parent: Rng | null = null) {
    this.key = mix32(seed >>> 0, 0x9e3779b9);
    this.root = parent ? parent.root : this;
  }

  private readonly key: number;

  /** The stream named `name` under this one (created on first use, then reused). */
  child(name: string): Rng {
    let c = this.children.get(name);
    if (!c) {
      c = new Rng(mix32(this.key, hashString(name)), this.path ? `${this.path}/${name}` : name, this);
      const restored = this.root.pending?.[c.path];
      if (restored !== undefined) c.counter = restored;
      this.children.set(name, c);
    }
    return c;
  }

  /** The next uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    return mix32(this.key, this.counter++);
  }

  /** The next float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A seed for tfjs's seeded ops (`tf.randomUniform(..., seed)`), drawn from this stream. */
  seed(): number {
    return this.nextUint32();
  }

  /** Counters of this stream and every descendant, for checkpoints. */
  state(): RngState {
    const out: RngState = {};
    const walk = (r: Rng): void => {
      if (r.counter !== 0) out[r.path] = r.counter;
      for (const c of r.children.values()) walk(c);
    };
    walk(this);
    return out;
  }

  /** Restores counters saved by `state()`, including those of streams created later. */
  restore(state: RngState): void {
    this.root.pending = { ...state };
    const walk = (r: Rng): void => {
      r.counter = state[r.path] ?? 0;
      for (const c of r.children.values()) walk(c);
    };
    walk(this);
  }
}

/** A 32-bit hash of two words (murmur3's finalizer over a golden-ratio combination). */
export function mix32(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x85ebca6b, 0x9e3779b1) + Math.imul(b + 0x6a09e667, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units: a stable name hash for `child(name)`. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A seeded Fisher-Yates permutation of `0..n-1`. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** Seeded random tensors (`dl.random`): tfjs's seeded kernels, seeded from a `dl.Rng`. */
export const random = {
  /** Standard normal samples scaled by `std` around `mean`. */
  normal(shape: number[], rng: Rng, mean = 0, std = 1): tf.Tensor {
    return tf.randomNormal(shape, mean, std, "float32", rng.seed());
  },
  /** Uniform samples in [lo, hi). */
  uniform(shape: number[], lo: number, hi: number, rng: Rng): tf.Tensor {
    return tf.randomUniform(shape, lo, hi, "float32", rng.seed());
  },
};
