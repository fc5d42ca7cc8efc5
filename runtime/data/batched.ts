/**
 * `Batched`: a data set cut into batches, iterated as `tf.Tensor[]` in field order. Shuffling is
 * a seeded permutation per epoch, so batch `k` of epoch `e` is the same in a resumed run.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Rng, mix32, permutation } from "../rng.js";
import type { Dataset } from "./dataset.js";
import { makeBatch } from "./field.js";

/** How to cut batches. */
export interface BatchOptions {
  shuffle?: boolean;
  /** Drops a last, smaller batch. */
  dropLast?: boolean;
  /** Shuffle and noise seed; the engine supplies one derived from the program seed if unset. */
  seed?: number;
}

/** A batched data set; `for (const [x, y] of batched)` iterates epoch 0 (caller disposes). */
export class Batched implements Iterable<tf.Tensor[]> {
  constructor(
    readonly dataset: Dataset,
    readonly size: number,
    readonly options: BatchOptions = {},
  ) {
    if (!(size >= 1)) throw new Error(`${dataset.origin}: batch size must be at least 1, got ${size}`);
  }

  /** Batches per epoch. */
  get batchesPerEpoch(): number {
    const n = this.dataset.length / this.size;
    return this.options.dropLast ? Math.floor(n) : Math.ceil(n);
  }

  /** Number of examples. */
  get length(): number {
    return this.dataset.length;
  }

  /**
   * The batches of `epoch` from batch index `start` on; each yielded array is new tensors that
   * the consumer disposes.
   * @param seed overrides `options.seed` (the engine passes one derived from the program seed).
   */
  *epoch(epoch: number, start = 0, seed?: number): Generator<tf.Tensor[]> {
    const s = seed ?? this.options.seed ?? 0;
    const { fields, offset } = this.dataset;
    // One permutation per group: zipped sets (zip.ts) are shuffled independently of each other.
    const orders = new Map<number, Int32Array | null>();
    for (const f of fields) {
      const g = f.group ?? 0;
      if (orders.has(g)) continue;
      const rng = new Rng(s).child(g === 0 ? `epoch${epoch}` : `epoch${epoch}/zip${g}`);
      orders.set(g, this.options.shuffle ? permutation(f.pool ?? this.dataset.length, rng) : null);
    }
    for (let k = start; k < this.batchesPerEpoch; k++) {
      const first = k * this.size;
      const count = Math.min(this.size, this.dataset.length - first);
      const ctx = { seed: mix32(mix32(s, epoch), k) };
      yield tf.tidy(() => fields.map((f) => makeBatch(f, offset, orders.get(f.group ?? 0)!, first, count, ctx)));
    }
  }

  [Symbol.iterator](): Iterator<tf.Tensor[]> {
    return this.epoch(0);
  }
}
