/**
 * Random augmentations of image batches `[N, H, W, C]` (`random_crop`, `random_flip`,
 * `random_brightness`, `random_contrast` in a DL data pipeline). Every draw comes from a `dl.Rng`
 * keyed by the batch's seed (data set seed, epoch, batch index) and the transform's position in
 * its field, so a batch is a pure function of where it sits: the same seed gives the same batches,
 * another epoch other draws, and a resumed run the same draws again. The draws are host integers
 * and floats of the counter-based `Rng`, which dl_torch reproduces bit for bit, and crops and flips
 * are gathers of whole pixels, so both engines produce the same augmented batches.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Rng } from "../rng.js";
import type { BatchContext, Transform } from "./field.js";

/** The stream of the transform at `position` of its field for one batch. */
function stream(ctx: BatchContext, name: string, position: number): Rng {
  return new Rng(ctx.seed).child(`${name}/${position}`);
}

/** Python's `round` (halves to even), as torchvision's CenterCrop uses it. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  return v - f !== 0.5 ? Math.round(v) : f % 2 === 0 ? f : f + 1;
}

/** Pixels `index` (flat `n·h·w` positions into `t`) as a batch `[n, ...shape, C]`. */
function gatherPixels(t: tf.Tensor, index: Int32Array, shape: [number, number, number]): tf.Tensor {
  const c = t.shape[3]!;
  const flat = tf.reshape(t, [-1, c]);
  return tf.reshape(tf.gather(flat, tf.tensor1d(index, "int32")), [...shape, c]);
}

/**
 * A `size`×`size` window at a uniformly drawn position of each image, zero-padded by `padding`
 * first (torchvision's `RandomCrop(size, padding)`); at inference, the centre window.
 */
export function randomCrop(size: [number, number], padding: number, position: number): Transform {
  const [ch, cw] = size;
  const crop = (t: tf.Tensor, offsets: (n: number, free: [number, number]) => [number, number][]): tf.Tensor => {
    const [n, h, w] = t.shape as number[];
    const ph = h! + 2 * padding;
    const pw = w! + 2 * padding;
    if (ch > ph || cw > pw) throw new Error(`random_crop: a ${ch}×${cw} window does not fit images of ${ph}×${pw}`);
    const padded = padding > 0 ? tf.pad(t, [[0, 0], [padding, padding], [padding, padding], [0, 0]]) : t;
    const at = offsets(n!, [ph - ch, pw - cw]);
    const index = new Int32Array(n! * ch * cw);
    let k = 0;
    for (let i = 0; i < n!; i++) {
      const [dy, dx] = at[i]!;
      for (let r = 0; r < ch; r++) {
        const row = (i * ph + dy + r) * pw + dx;
        for (let c = 0; c < cw; c++) index[k++] = row + c;
      }
    }
    return gatherPixels(padded, index, [n!, ch, cw]);
  };
  return {
    random: true,
    apply: (t, ctx) => {
      const rng = stream(ctx, "random_crop", position);
      // Per image: the row offset, then the column offset, each uniform over the free positions.
      return crop(t, (n, [fh, fw]) => Array.from({ length: n }, () => [Math.floor(rng.next() * (fh + 1)), Math.floor(rng.next() * (fw + 1))]));
    },
    // torchvision's CenterCrop rounds the offsets: int(round((H - size) / 2)).
    inference: (t) => crop(t, (n, [fh, fw]) => Array.from({ length: n }, () => [roundHalfEven(fh / 2), roundHalfEven(fw / 2)])),
    shape: ([, , ...rest]) => [ch, cw, ...rest],
  };
}

/** The centre `size` window of each image (torchvision's `CenterCrop`): deterministic, for test sets. */
export function centerCrop(size: [number, number]): Transform {
  const crop = randomCrop(size, 0, 0);
  return { apply: (t) => crop.inference!(t), shape: crop.shape };
}

/**
 * Mirrors each image left-right (`horizontal`) and/or upside down (`vertical`), each with
 * probability `p` drawn per image (torchvision's `RandomHorizontalFlip(p)` and `RandomVerticalFlip(p)`).
 */
export function randomFlip(horizontal: boolean, vertical: boolean, p: number, position: number): Transform {
  return {
    random: true,
    apply: (t, ctx) => {
      const rng = stream(ctx, "random_flip", position);
      const [n, h, w] = t.shape as number[];
      const index = new Int32Array(n! * h! * w!);
      let k = 0;
      for (let i = 0; i < n!; i++) {
        // Both draws are taken for every image, so one flip's option does not shift the other's.
        const fx = rng.next() < p && horizontal;
        const fy = rng.next() < p && vertical;
        for (let r = 0; r < h!; r++) {
          const row = (i * h! + (fy ? h! - 1 - r : r)) * w!;
          for (let c = 0; c < w!; c++) index[k++] = row + (fx ? w! - 1 - c : c);
        }
      }
      return gatherPixels(t, index, [n!, h!, w!]);
    },
    inference: (t) => t,
    shape: (s) => s,
  };
}

/** One factor per image, uniform in [max(0, 1 − delta), 1 + delta], as `[n, 1, 1, 1]`. */
function factors(rng: Rng, n: number, delta: number): tf.Tensor {
  const lo = Math.max(0, 1 - delta);
  const f = new Float32Array(n);
  for (let i = 0; i < n; i++) f[i] = lo + (1 + delta - lo) * rng.next();
  return tf.tensor(f, [n, 1, 1, 1]);
}

/** Multiplies each image by a factor drawn from [max(0, 1 − delta), 1 + delta] (ColorJitter's brightness, not clipped). */
export function randomBrightness(delta: number, position: number): Transform {
  return {
    random: true,
    apply: (t, ctx) => tf.mul(t, factors(stream(ctx, "random_brightness", position), t.shape[0]!, delta)),
    inference: (t) => t,
    shape: (s) => s,
  };
}

/**
 * Moves each image towards or away from its mean by a factor drawn from [max(0, 1 − delta),
 * 1 + delta]: `mean + f·(x − mean)`, the mean over the image's pixels of its grayscale (ITU-R 601
 * luma for 3 channels, as torchvision's `ColorJitter(contrast=...)`; the plain mean otherwise), not clipped.
 */
export function randomContrast(delta: number, position: number): Transform {
  return {
    random: true,
    apply: (t, ctx) => {
      const c = t.shape[3]!;
      const gray = c === 3 ? tf.sum(tf.mul(t, tf.tensor1d([0.299, 0.587, 0.114])), 3, true) : tf.mean(t, 3, true);
      const mean = tf.mean(gray, [1, 2, 3], true);
      const f = factors(stream(ctx, "random_contrast", position), t.shape[0]!, delta);
      return tf.add(tf.mul(f, t), tf.mul(tf.sub(1, f), mean));
    },
    inference: (t) => t,
    shape: (s) => s,
  };
}
