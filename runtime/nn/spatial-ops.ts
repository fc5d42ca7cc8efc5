/**
 * Stateless operations of the standard library's layers, re-exported by `ops.ts` as `dl.ops.*`:
 * global and adaptive pooling, local response normalization, cropping, zero padding, nearest
 * upsampling, sinusoidal positional encodings, and the elementwise arithmetic generated code
 * uses for `a * b`, `a - b`, `a / b` and `-a`. Every op is built from differentiable tfjs ops, so
 * it trains on every backend.
 */
import * as tf from "@tensorflow/tfjs-core";

/** a · b (broadcasting). */
export const mul = (a: tf.Tensor | number, b: tf.Tensor | number): tf.Tensor => tf.mul(a, b);
/** a − b (broadcasting). */
export const sub = (a: tf.Tensor | number, b: tf.Tensor | number): tf.Tensor => tf.sub(a, b);
/** a / b (broadcasting). */
export const div = (a: tf.Tensor | number, b: tf.Tensor | number): tf.Tensor => tf.div(a, b);
/** −a. */
export const neg = (a: tf.Tensor): tf.Tensor => tf.neg(a);

/** [B, H, W, C] → [B, C], the mean over every position. */
export const globalAvgPool = (x: tf.Tensor): tf.Tensor2D => tf.mean(x, [1, 2]) as tf.Tensor2D;
/** [B, H, W, C] → [B, C], the maximum over every position. */
export const globalMaxPool = (x: tf.Tensor): tf.Tensor2D => tf.max(x, [1, 2]) as tf.Tensor2D;

/** PyTorch's adaptive average pooling: cell i averages rows floor(i·H/o) to ceil((i+1)·H/o). */
export function adaptiveAvgPool(x: tf.Tensor, size: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const input = x as tf.Tensor4D;
    const [, h, w] = input.shape;
    const [oh, ow] = size;
    if (h === oh && w === ow) return input.clone();
    if (h % oh === 0 && w % ow === 0) return tf.avgPool(input, [h / oh, w / ow], [h / oh, w / ow], "valid");
    const bins = (n: number, o: number) => Array.from({ length: o }, (_, i) => [Math.floor((i * n) / o), Math.ceil(((i + 1) * n) / o)] as const);
    const rows = bins(h, oh).map(([r0, r1]) =>
      tf.concat(bins(w, ow).map(([c0, c1]) => tf.mean(tf.slice(input, [0, r0, c0, 0], [-1, r1 - r0, c1 - c0, -1]), [1, 2], true)), 2),
    );
    return tf.concat(rows, 1) as tf.Tensor4D;
  });
}

/** Options of torch.nn.LocalResponseNorm. */
export interface LrnOptions {
  size: number;
  alpha?: number;
  beta?: number;
  k?: number;
}

/**
 * Local response normalization across channels as torch.nn.LocalResponseNorm:
 * x / (k + alpha/size · Σ_{window} x²)^beta, the window padded with size/2 channels before and
 * (size−1)/2 after. Written as a sum of shifted slices so the gradient exists on every backend.
 */
export function localResponseNorm(x: tf.Tensor, o: LrnOptions): tf.Tensor {
  return tf.tidy(() => {
    const { size, alpha = 1e-4, beta = 0.75, k = 1 } = o;
    const c = x.shape[x.rank - 1]!;
    const pads: [number, number][] = x.shape.map(() => [0, 0]);
    pads[x.rank - 1] = [Math.floor(size / 2), Math.floor((size - 1) / 2)];
    const sq = tf.pad(tf.square(x), pads);
    const begin = x.shape.map(() => 0);
    let sum: tf.Tensor = tf.zerosLike(x);
    for (let i = 0; i < size; i++) {
      begin[x.rank - 1] = i;
      sum = tf.add(sum, tf.slice(sq, begin, [...x.shape.slice(0, -1), c]));
    }
    return tf.div(x, tf.pow(tf.add(tf.mul(sum, alpha / size), k), beta));
  });
}

/** Removes [[top, bottom], [left, right]] rows and columns from [B, H, W, C]. */
export function crop(x: tf.Tensor, [[t, b], [l, r]]: [[number, number], [number, number]]): tf.Tensor4D {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  return tf.slice(x as tf.Tensor4D, [0, t, l, 0], [n, h - t - b, w - l - r, c]);
}

/** Pads [B, H, W, C] with [[top, bottom], [left, right]] zero rows and columns. */
export function zeroPad(x: tf.Tensor, [[t, b], [l, r]]: [[number, number], [number, number]]): tf.Tensor4D {
  return tf.pad(x as tf.Tensor4D, [[0, 0], [t, b], [l, r], [0, 0]]);
}

/** Nearest-neighbour upsampling by integer factors, by reshape and tile (differentiable everywhere). */
export function upsample(x: tf.Tensor, [sh, sw]: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape as [number, number, number, number];
    // A broadcasting product, not tf.tile: tile's gradient stops at rank 4, so a tiled upsample could not train.
    const tiled = tf.mul(tf.reshape(x, [n, h, 1, w, 1, c]), tf.ones([1, 1, sh, 1, sw, 1]));
    return tf.reshape(tiled, [n, h * sh, w * sw, c]) as tf.Tensor4D;
  });
}

/**
 * Bilinear upsampling by integer factors, as torch.nn.Upsample(mode="bilinear"): half-pixel
 * centres unless `alignCorners` (then corner pixels of input and output coincide).
 */
export function upsampleBilinear(x: tf.Tensor, [sh, sw]: [number, number], alignCorners = false): tf.Tensor4D {
  const [, h, w] = x.shape as [number, number, number, number];
  return tf.image.resizeBilinear(x as tf.Tensor4D, [h * sh, w * sw], alignCorners, !alignCorners);
}

/**
 * Adds the sinusoidal positional encodings of Vaswani et al. (2017) to [B, T, D]:
 * PE(t, 2i) = sin(t / 10000^(2i/D)), PE(t, 2i+1) = cos(t / 10000^(2i/D)).
 */
export function positionalEncoding(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, d] = x.shape.slice(-2) as [number, number];
    const table = new Float32Array(t * d);
    for (let pos = 0; pos < t; pos++) {
      for (let i = 0; i < d; i++) {
        const angle = pos / Math.pow(10000, (2 * Math.floor(i / 2)) / d);
        table[pos * d + i] = i % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
      }
    }
    return tf.add(x, tf.tensor2d(table, [t, d]));
  });
}
