/**
 * `Dataset`: named fields sharing a first (example) axis, with chainable maps that return new data
 * sets. Maps never copy storage: `take`/`split` narrow a window, the others append a per-batch
 * transform (see field.ts).
 */
import * as tf from "@tensorflow/tfjs-core";
import { type Field, type Transform, exampleShape } from "./field.js";
import { Batched, type BatchOptions } from "./batched.js";
import { zipFields } from "./zip.js";
import { centerCrop, randomBrightness, randomContrast, randomCrop, randomFlip } from "./augment.js";

/** Options naming the field a map applies to. */
export interface FieldOption {
  field?: string;
}

/** An in-memory data set; see CONTRACT.md "Data". */
export class Dataset {
  /**
   * @param fields the fields in iteration order (`for (x, y) in data`).
   * @param offset first example of the window into the storage.
   * @param length number of examples in the window.
   * @param origin where the data came from, for messages.
   */
  constructor(
    readonly fields: readonly Field[],
    readonly offset: number,
    readonly length: number,
    readonly origin: string,
  ) {}

  /** Field names in order. */
  get names(): string[] {
    return this.fields.map((f) => f.name);
  }

  /** Per-example shape of a field after its maps. */
  shapeOf(field: string): number[] {
    return exampleShape(this.field(field));
  }

  /** Zero-pads the two spatial axes of an image field [H, W, C] by `n` on every side. */
  pad(n: number, o: FieldOption = {}): Dataset {
    return this.mapField(o.field ?? "x", {
      apply: (t) => tf.pad(t, [[0, 0], [n, n], [n, n], ...t.shape.slice(3).map((): [number, number] => [0, 0])]),
      shape: ([h, w, ...rest]) => [h! + 2 * n, w! + 2 * n, ...rest],
    });
  }

  /** Maps values from [0, 1] (how every loader delivers pixels) to [lo, hi]. */
  scale(lo: number, hi: number, o: FieldOption = {}): Dataset {
    return this.mapField(o.field ?? "x", { apply: (t) => tf.add(tf.mul(t, hi - lo), lo), shape: (s) => s });
  }

  /** (x - mean) / std; `mean` and `std` may be per-channel arrays (last axis). */
  normalize(mean: number | number[], std: number | number[], o: FieldOption = {}): Dataset {
    return this.mapField(o.field ?? "x", {
      apply: (t) => tf.div(tf.sub(t, tf.tensor(mean)), tf.tensor(std)),
      shape: (s) => s,
    });
  }

  /** Int class indices -> float32 one-hot rows [classes]. */
  oneHot(classes: number, o: FieldOption = {}): Dataset {
    return this.mapField(o.field ?? "y", {
      apply: (t) => tf.cast(tf.oneHot(tf.reshape(tf.cast(t, "int32"), [-1]) as tf.Tensor1D, classes), "float32"),
      shape: () => [classes],
    });
  }

  /** Adds N(0, std²) noise, drawn afresh for each batch of each epoch (and replayed on resume). */
  noise(std: number, o: FieldOption = {}): Dataset {
    return this.mapField(o.field ?? "x", {
      random: true,
      apply: (t, ctx) => tf.add(t, tf.randomNormal(t.shape, 0, std, "float32", ctx.seed)),
      inference: (t) => t,
      shape: (s) => s,
    });
  }

  /**
   * A `size`×`size` window (or `[height, width]`) of each image `[H, W, C]`, zero-padded by
   * `padding` first, at a position drawn per image, batch and epoch (augment.ts).
   */
  randomCrop(size: number | [number, number], o: FieldOption & { padding?: number } = {}): Dataset {
    const name = o.field ?? "x";
    const window: [number, number] = typeof size === "number" ? [size, size] : size;
    return this.mapField(name, randomCrop(window, o.padding ?? 0, this.field(name).transforms.length));
  }

  /** The centre `size`×`size` window (or `[height, width]`) of each image `[H, W, C]` (deterministic). */
  centerCrop(size: number | [number, number], o: FieldOption = {}): Dataset {
    return this.mapField(o.field ?? "x", centerCrop(typeof size === "number" ? [size, size] : size));
  }

  /** Mirrors each image `[H, W, C]` left-right (and/or upside down) with probability `p` (augment.ts). */
  randomFlip(o: FieldOption & { horizontal?: boolean; vertical?: boolean; p?: number } = {}): Dataset {
    const name = o.field ?? "x";
    return this.mapField(name, randomFlip(o.horizontal ?? true, o.vertical ?? false, o.p ?? 0.5, this.field(name).transforms.length));
  }

  /** Scales each image by a factor drawn from [max(0, 1 − delta), 1 + delta] (augment.ts). */
  randomBrightness(delta: number, o: FieldOption = {}): Dataset {
    const name = o.field ?? "x";
    return this.mapField(name, randomBrightness(delta, this.field(name).transforms.length));
  }

  /** Scales each image's deviation from its mean by a factor drawn from [max(0, 1 − delta), 1 + delta] (augment.ts). */
  randomContrast(delta: number, o: FieldOption = {}): Dataset {
    const name = o.field ?? "x";
    return this.mapField(name, randomContrast(delta, this.field(name).transforms.length));
  }

  /** Only the named fields, in the order given (`mnist(split="train").x` in a .dl program). */
  select(...names: string[]): Dataset {
    return new Dataset(names.map((n) => this.field(n)), this.offset, this.length, this.origin);
  }

  /** The first `n` examples (all of them if fewer). */
  take(n: number): Dataset {
    const length = Math.min(n, this.length);
    return new Dataset(this.narrow(length), this.offset, length, this.origin);
  }

  /**
   * Pairs each example with one of `other`: fields `x, y` then `x2, y2` (other's names + "2"),
   * length the shorter set's; `batch(..., {shuffle: true})` shuffles the two independently.
   */
  zip(other: Dataset): Dataset {
    const { fields, length } = zipFields(this, other);
    return new Dataset(fields, 0, length, `${this.origin} zip ${other.origin}`);
  }

  /** The first `fraction` of the examples and the rest, in storage order (no shuffling). */
  split(fraction: number): [Dataset, Dataset] {
    const k = Math.round(this.length * fraction);
    return [
      new Dataset(this.narrow(k), this.offset, k, this.origin),
      new Dataset(this.narrow(this.length - k), this.offset + k, this.length - k, this.origin),
    ];
  }

  /** Groups examples into batches of `size`; see `Batched`. */
  batch(size: number, o: BatchOptions = {}): Batched {
    return new Batched(this, size, o);
  }

  /** Fields whose zipped groups draw from at most the window's `length` rows (take, split). */
  private narrow(length: number): readonly Field[] {
    return this.fields.some((f) => f.pool !== undefined) ? this.fields.map((f) => (f.pool === undefined ? f : { ...f, pool: Math.min(f.pool, length) })) : this.fields;
  }

  private field(name: string): Field {
    const f = this.fields.find((x) => x.name === name);
    if (!f) throw new Error(`${this.origin}: no field "${name}" (fields: ${this.names.join(", ")})`);
    return f;
  }

  private mapField(name: string, t: Transform): Dataset {
    const target = this.field(name);
    const fields = this.fields.map((f) => (f === target ? { ...f, transforms: [...f.transforms, t] } : f));
    return new Dataset(fields, this.offset, this.length, this.origin);
  }
}
