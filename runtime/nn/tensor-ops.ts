/** Tensor constants and reductions that generated code calls through `dl.ops`. */
import * as tf from "@tensorflow/tfjs-core";

/** A float tensor of `shape` filled with `value`. */
export const full = (shape: number[], value: number): tf.Tensor => tf.fill(shape, value);

/** Mean over `axis`, or over everything (a scalar) when it is omitted. */
export const mean = (x: tf.Tensor, axis?: number, keepDims = false): tf.Tensor => tf.mean(x, axis, keepDims);

/** Sum over `axis`, or over everything (a scalar) when it is omitted. */
export const sum = (x: tf.Tensor, axis?: number, keepDims = false): tf.Tensor => tf.sum(x, axis, keepDims);
