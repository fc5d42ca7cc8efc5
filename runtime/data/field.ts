/**
 * A data set's field: host storage (typed array, first axis = examples) plus device-side
 * transforms that run on each batch. Keeping MNIST as uint8 and padding or normalizing per batch
 * costs a few small ops per step instead of a float copy of the whole set per map.
 */
import * as tf from "@tensorflow/tfjs-core";

/** Host storage of a field. */
export type Storage = Float32Array | Int32Array | Uint8Array;

/** Where a batch sits, so seeded transforms (noise) are a pure function of it. */
export interface BatchContext {
  /** A seed unique to (data set seed, epoch, batch index). */
  seed: number;
}

/** A per-batch transform together with its rule for the per-example shape. */
export interface Transform {
  apply(batch: tf.Tensor, ctx: BatchContext): tf.Tensor;
  shape(exampleShape: number[]): number[];
  /** Set for random augmentations (crop, flip, noise, ...): training data only. */
  random?: boolean;
  /** What a random transform does outside training (`dl predict`): the identity, or a centre crop. */
  inference?(batch: tf.Tensor): tf.Tensor;
}

/** One named field of a data set. */
export interface Field {
  readonly name: string;
  readonly storage: Storage;
  /** Per-example shape of the storage (before transforms). */
  readonly storedShape: number[];
  readonly dtype: "float32" | "int32";
  /** Factor applied on the host while copying a batch out of storage (1/255 for uint8 pixels). */
  readonly hostScale: number;
  readonly transforms: readonly Transform[];
  /** Zipped sets (zip.ts): fields of one group share a shuffle order; absent means group 0. */
  readonly group?: number;
  /** Rows a shuffled group draws from (at least the data set's length); absent: the data set's length. */
  readonly pool?: number;
}

/** Number of storage elements per example. */
export const rowSize = (f: Field): number => f.storedShape.reduce((a, b) => a * b, 1);

/** Per-example shape after the field's transforms. */
export const exampleShape = (f: Field): number[] => f.transforms.reduce((s, t) => t.shape(s), f.storedShape);

/**
 * Copies rows `rows[start .. start + count)` (or, without `rows`, that contiguous range) into one
 * typed array and makes one tensor of it, then runs the transforms. Call inside `tf.tidy`.
 */
export function makeBatch(f: Field, offset: number, rows: Int32Array | null, start: number, count: number, ctx: BatchContext): tf.Tensor {
  const size = rowSize(f);
  const out = f.dtype === "int32" ? new Int32Array(count * size) : new Float32Array(count * size);
  for (let i = 0; i < count; i++) {
    const row = offset + (rows === null ? start + i : rows[start + i]!);
    copyRow(f.storage, row * size, out, i * size, size, f.hostScale);
  }
  let t: tf.Tensor = tf.tensor(out, [count, ...f.storedShape], f.dtype);
  for (const tr of f.transforms) t = tr.apply(t, ctx);
  return t;
}

/** One fused pass: copy, convert and scale a row (TypedArray.set plus a scaling loop is 2x slower). */
function copyRow(src: Storage, from: number, dst: Float32Array | Int32Array, to: number, n: number, scale: number): void {
  if (scale === 1) {
    dst.set(src.subarray(from, from + n), to);
    return;
  }
  for (let i = 0; i < n; i++) dst[to + i] = src[from + i]! * scale;
}
