/** Tensor constants and reductions that generated code calls through `dl.ops`. */
import * as tf from "@tensorflow/tfjs-core";
import * as twiceDifferentiable from "../kernels/differentiable.js";

/** A float tensor of `shape` filled with `value`. */
export const full = (shape: number[], value: number): tf.Tensor => tf.fill(shape, value);

/** Mean over `axis`, or over everything (a scalar) when it is omitted. */
export const mean = (x: tf.Tensor, axis?: number, keepDims = false): tf.Tensor => tf.mean(x, axis, keepDims);

/** Sum over `axis`, or over everything (a scalar) when it is omitted. */
export const sum = (x: tf.Tensor, axis?: number, keepDims = false): tf.Tensor => tf.sum(x, axis, keepDims);

/** Maximum over `axis` (or everything), or with a second tensor the elementwise maximum (broadcasting). */
export const max = (x: tf.Tensor, axisOrOther?: number | tf.Tensor, keepDims = false): tf.Tensor =>
  axisOrOther instanceof tf.Tensor ? tf.maximum(x, axisOrOther) : tf.max(x, axisOrOther, keepDims);
/** Minimum over `axis` (or everything), or with a second tensor the elementwise minimum. */
export const min = (x: tf.Tensor, axisOrOther?: number | tf.Tensor, keepDims = false): tf.Tensor =>
  axisOrOther instanceof tf.Tensor ? tf.minimum(x, axisOrOther) : tf.min(x, axisOrOther, keepDims);
/** Index of the maximum along `axis` (int32). */
export const argmax = (x: tf.Tensor, axis = -1): tf.Tensor => tf.argMax(x, axis);
/** Natural logarithm. */
export const log = (x: tf.Tensor): tf.Tensor => tf.log(x);
/** eˣ, twice differentiable. */
export const exp = (x: tf.Tensor): tf.Tensor => twiceDifferentiable.exp(x);
/** Square root. */
export const sqrt = (x: tf.Tensor): tf.Tensor => tf.sqrt(x);
/** |x|. */
export const abs = (x: tf.Tensor): tf.Tensor => tf.abs(x);
/** x to a constant power. */
export const pow = (x: tf.Tensor, exponent: number): tf.Tensor => tf.pow(x, exponent);
/** x limited to [low, high]; twice differentiable. */
export const clamp = (x: tf.Tensor, low: number, high: number): tf.Tensor => twiceDifferentiable.clamp(x, low, high);
