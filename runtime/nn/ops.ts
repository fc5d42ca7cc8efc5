/** Stateless tensor operations (`dl.ops`) that generated code composes between layers. */
import * as tf from "@tensorflow/tfjs-core";
import * as twiceDifferentiable from "../kernels/differentiable.js";

/** Pooling window, stride and padding (number = symmetric explicit padding). */
export interface PoolOptions {
  size: [number, number];
  stride?: [number, number];
  padding?: "same" | "valid" | number;
}

/** max(x, 0). */
export const relu = (x: tf.Tensor): tf.Tensor => tf.relu(x);
/** Hyperbolic tangent. */
export const tanh = (x: tf.Tensor): tf.Tensor => tf.tanh(x);
/** Logistic sigmoid. */
export const sigmoid = (x: tf.Tensor): tf.Tensor => tf.sigmoid(x);
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
/** Softmax along `axis`. */
export const softmax = (x: tf.Tensor, axis = -1): tf.Tensor => tf.softmax(x, axis);
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
  return pool(x, o, tf.maxPool);
}

/** Average pooling over NHWC; explicit zero padding counts in the average (count_include_pad). */
export function avgPool(x: tf.Tensor, o: PoolOptions): tf.Tensor4D {
  return pool(x, o, tf.avgPool);
}

type PoolFn = (x: tf.Tensor4D, size: [number, number], stride: [number, number], pad: "same" | "valid") => tf.Tensor4D;

function pool(x: tf.Tensor, o: PoolOptions, fn: PoolFn): tf.Tensor4D {
  return tf.tidy(() => {
    let input = x as tf.Tensor4D;
    let pad = o.padding ?? "valid";
    if (typeof pad === "number") {
      // PyTorch pads max pooling with -inf (a very negative finite value here keeps gradients
      // finite) and average pooling with zeros that count in the average.
      const p = pad;
      input = tf.pad(input, [[0, 0], [p, p], [p, p], [0, 0]], fn === tf.maxPool ? -3.4e38 : 0);
      pad = "valid";
    }
    return fn(input, o.size, o.stride ?? o.size, pad);
  });
}

// Operations of the standard library's layers (pooling, cropping, LRN, positional encodings, arithmetic).
export * from "./spatial-ops.js";
export * from "./tensor-ops.js";
