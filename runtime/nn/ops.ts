/** Stateless tensor operations (`dl.ops`) that generated code composes between layers. */
import * as tf from "@tensorflow/tfjs-core";
import * as twiceDifferentiable from "../kernels/differentiable.js";

/**
 * Pooling window, stride and padding (a number = the same explicit padding on every side, a pair
 * [ph, pw] = rows above and below, columns left and right), and PyTorch's ceil_mode: output
 * sizes rounded up, the last window reaching past the (padded) input, as long as it starts inside.
 */
export interface PoolOptions {
  size: [number, number];
  stride?: [number, number];
  padding?: "same" | "valid" | number | [number, number];
  ceilMode?: boolean;
}

/** max(x, 0). */
export const relu = (x: tf.Tensor): tf.Tensor => tf.relu(x);
/**
 * Hyperbolic tangent; twice differentiable (tf.tanh's second derivative is wrong, tfjs#3252, and a
 * gradient penalty through a tanh critic needs it).
 */
export const tanh = (x: tf.Tensor): tf.Tensor => twiceDifferentiable.tanh(x);
/** Logistic sigmoid; twice differentiable (tf.sigmoid's second derivative is wrong, tfjs#3252). */
export const sigmoid = (x: tf.Tensor): tf.Tensor => twiceDifferentiable.sigmoid(x);
/** x for x > 0, alpha * x otherwise (PyTorch's default slope 0.01). */
/**
 * Twice differentiable (runtime/kernels/differentiable.ts): tf.leakyRelu's gradient has no
 * gradient itself, which a gradient penalty through a LeakyReLU critic needs.
 */
export const leakyRelu = (x: tf.Tensor, alpha = 0.01): tf.Tensor => twiceDifferentiable.leakyRelu(x, alpha);
/** GELU: exact (erf) or, with `approximate = "tanh"`, the tanh approximation; twice differentiable. */
export const gelu = (x: tf.Tensor, approximate: "none" | "tanh" = "none"): tf.Tensor =>
  approximate === "tanh" ? twiceDifferentiable.geluTanh(x) : twiceDifferentiable.gelu(x);
/** SiLU (swish) x·σ(x); twice differentiable. */
export const silu = (x: tf.Tensor): tf.Tensor => twiceDifferentiable.silu(x);
/** min(max(x, 0), 6); twice differentiable. */
export const relu6 = (x: tf.Tensor): tf.Tensor => twiceDifferentiable.relu6(x);
/** x·relu6(x + 3)/6; twice differentiable. */
export const hardswish = (x: tf.Tensor): tf.Tensor => twiceDifferentiable.hardswish(x);
/** relu6(x + 3)/6; twice differentiable. */
export const hardsigmoid = (x: tf.Tensor): tf.Tensor => twiceDifferentiable.hardsigmoid(x);
/** x·tanh(softplus(x)); twice differentiable. */
export const mish = (x: tf.Tensor): tf.Tensor => twiceDifferentiable.mish(x);
/** x for x > 0, alpha·(eˣ − 1) otherwise; twice differentiable. */
export const elu = (x: tf.Tensor, alpha = 1): tf.Tensor => twiceDifferentiable.eluAlpha(x, alpha);
/** SELU with Klambauer et al.'s constants; twice differentiable. */
export const selu = (x: tf.Tensor): tf.Tensor => twiceDifferentiable.selu(x);
/** log(1 + e^(βx))/β, linear where βx > threshold (torch.nn.Softplus); twice differentiable. */
export const softplus = (x: tf.Tensor, beta = 1, threshold = 20): tf.Tensor => twiceDifferentiable.softplus(x, beta, threshold);
/**
 * Softmax along any `axis` (tf.softmax takes the last one only), twice differentiable (tf.softmax's
 * second derivative is wrong, tfjs#3252).
 */
export const softmax = (x: tf.Tensor, axis = -1): tf.Tensor => twiceDifferentiable.softmax(x, axis);
/** [B, ...] -> [B, prod(...)]. */
export const flatten = (x: tf.Tensor): tf.Tensor2D => tf.reshape(x, [x.shape[0]!, -1]) as tf.Tensor2D;
/** Reshapes every example to `shape` (batch axis kept). */
export const reshape = (x: tf.Tensor, shape: number[]): tf.Tensor => tf.reshape(x, [x.shape[0]!, ...shape]);
/** Element-wise sum (broadcasting). */
export const add = (a: tf.Tensor | number, b: tf.Tensor | number): tf.Tensor => tf.add(a, b);
/** Concatenation along `axis` (default: channels). */
export const concat = (xs: tf.Tensor[], axis = -1): tf.Tensor => tf.concat(xs, axis);

/** Max pooling over NHWC; stride defaults to the window size, as in PyTorch. */
export function maxPool(x: tf.Tensor, o: PoolOptions): tf.Tensor4D {
  return pool(x, o, "max");
}

/**
 * Average pooling over NHWC; explicit zero padding counts in the average (count_include_pad), the
 * part of a ceil-mode window beyond the padded input does not (PyTorch's divisor).
 */
export function avgPool(x: tf.Tensor, o: PoolOptions): tf.Tensor4D {
  return pool(x, o, "avg");
}

/** Max pooling over [B, T, C] sequences (torch.nn.MaxPool1d): a pool over rows of height 1. */
export function maxPool1d(x: tf.Tensor, o: Pool1dOptions): tf.Tensor3D {
  return pool1d(x, o, "max");
}

/** Average pooling over [B, T, C] sequences (torch.nn.AvgPool1d). */
export function avgPool1d(x: tf.Tensor, o: Pool1dOptions): tf.Tensor3D {
  return pool1d(x, o, "avg");
}

/** One-dimensional window, stride, padding (number = both ends) and ceil_mode. */
export interface Pool1dOptions {
  size: number;
  stride?: number;
  padding?: "same" | "valid" | number;
  ceilMode?: boolean;
}

function pool1d(x: tf.Tensor, o: Pool1dOptions, kind: "max" | "avg"): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t, c] = x.shape as [number, number, number];
    const padding = typeof o.padding === "number" ? ([0, o.padding] as [number, number]) : o.padding;
    const y = pool(tf.reshape(x, [b, 1, t, c]), { size: [1, o.size], stride: [1, o.stride ?? o.size], padding, ceilMode: o.ceilMode }, kind);
    return tf.reshape(y, [b, y.shape[2], c]) as tf.Tensor3D;
  });
}

/** PyTorch's pooled length: floor or ceil of (n + 2p − k)/s + 1, the last window starting inside. */
export function pooledSize(n: number, k: number, s: number, p: number, ceilMode: boolean): number {
  const span = n + 2 * p - k;
  let out = (ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceilMode && (out - 1) * s >= n + p) out -= 1;
  return out;
}

function pool(x: tf.Tensor, o: PoolOptions, kind: "max" | "avg"): tf.Tensor4D {
  return tf.tidy(() => {
    let input = x as tf.Tensor4D;
    const stride = o.stride ?? o.size;
    const fn = kind === "max" ? tf.maxPool : tf.avgPool;
    if (o.padding === "same") return fn(input, o.size, stride, "same");
    const pads: [number, number] = o.padding === undefined || o.padding === "valid" ? [0, 0] : typeof o.padding === "number" ? [o.padding, o.padding] : o.padding;
    const [ph, pw] = pads;
    const [, h, w] = input.shape;
    // Rows and columns a ceil-mode window reads beyond the padded input.
    const extra = (n: number, k: number, s: number, p: number) => Math.max((pooledSize(n, k, s, p, o.ceilMode ?? false) - 1) * s + k - (n + 2 * p), 0);
    const eh = extra(h, o.size[0], stride[0], ph);
    const ew = extra(w, o.size[1], stride[1], pw);
    if (ph || pw || eh || ew) {
      // PyTorch pads max pooling with -inf (a very negative finite value here keeps gradients
      // finite) and average pooling with zeros that count in the average.
      input = tf.pad(input, [[0, 0], [ph, ph + eh], [pw, pw + ew], [0, 0]], kind === "max" ? -3.4e38 : 0);
    }
    const pooled = fn(input, o.size, stride, "valid");
    if (kind === "max" || (eh === 0 && ew === 0)) return pooled;
    // A window's divisor counts the explicit padding but not the ceil-mode overhang: divide by
    // the average of a mask that is 1 on the padded input and 0 beyond it.
    const mask = tf.pad(tf.ones([1, h + 2 * ph, w + 2 * pw, 1]), [[0, 0], [0, eh], [0, ew], [0, 0]]);
    return tf.div(pooled, fn(mask as tf.Tensor4D, o.size, stride, "valid"));
  });
}

// Operations of the standard library's layers (pooling, cropping, LRN, positional encodings, arithmetic).
export * from "./spatial-ops.js";
export * from "./tensor-ops.js";
export { greedyDecode, type SequenceModel } from "./decode.js";
