/** Tensor constants and reductions that generated code calls through `dl.ops`. */
import * as tf from "@tensorflow/tfjs-core";
import * as twiceDifferentiable from "../kernels/differentiable.js";

/** A float tensor of `shape` filled with `value`. */
export const full = (shape: number[], value: number): tf.Tensor => tf.fill(shape, value);

/** Mean over `axis`, or over everything (a scalar) when it is omitted. */
export const mean = (x: tf.Tensor, axis?: number | number[], keepDims = false): tf.Tensor => tf.mean(x, axis, keepDims);

/** Sum over `axis`, or over everything (a scalar) when it is omitted. */
export const sum = (x: tf.Tensor, axis?: number | number[], keepDims = false): tf.Tensor => tf.sum(x, axis, keepDims);

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

type Operand = tf.Tensor | number | boolean;
const operand = (v: Operand): tf.Tensor | number => (typeof v === "boolean" ? tf.scalar(v, "bool") : v);

/** a == b elementwise (broadcasting), a bool tensor. Not differentiable. */
export const equal = (a: Operand, b: Operand): tf.Tensor => tf.equal(operand(a), operand(b));
/** a != b elementwise. */
export const notEqual = (a: Operand, b: Operand): tf.Tensor => tf.notEqual(operand(a), operand(b));
/** a < b elementwise. */
export const less = (a: Operand, b: Operand): tf.Tensor => tf.less(operand(a), operand(b));
/** a > b elementwise. */
export const greater = (a: Operand, b: Operand): tf.Tensor => tf.greater(operand(a), operand(b));
/** a <= b elementwise. */
export const lessEqual = (a: Operand, b: Operand): tf.Tensor => tf.lessEqual(operand(a), operand(b));
/** a >= b elementwise. */
export const greaterEqual = (a: Operand, b: Operand): tf.Tensor => tf.greaterEqual(operand(a), operand(b));
/** a && b of bool tensors. */
export const logicalAnd = (a: Operand, b: Operand): tf.Tensor => tf.logicalAnd(operand(a), operand(b));
/** a || b of bool tensors. */
export const logicalOr = (a: Operand, b: Operand): tf.Tensor => tf.logicalOr(operand(a), operand(b));
/** !a of a bool tensor. */
export const logicalNot = (a: tf.Tensor): tf.Tensor => tf.logicalNot(a);

/**
 * `cond ? a : b` elementwise with broadcasting of all three (torch.where). tf.where needs equal
 * shapes, so each operand is broadcast to the common shape first; the gradient reaches a and b
 * through the broadcast (a sum) and the selection (a mask), both linear: twice differentiable.
 */
export function where(cond: tf.Tensor, a: tf.Tensor | number, b: tf.Tensor | number): tf.Tensor {
  return tf.tidy(() => {
    const ta = typeof a === "number" ? tf.scalar(a) : a;
    const tb = typeof b === "number" ? tf.scalar(b) : b;
    const shape = tf.backend_util.assertAndGetBroadcastShape(tf.backend_util.assertAndGetBroadcastShape(cond.shape, ta.shape), tb.shape);
    return tf.where(tf.broadcastTo(cond, shape), tf.broadcastTo(ta, shape), tf.broadcastTo(tb, shape));
  });
}

/** Converts to `dtype` (`f32` of a mask gives its 0/1 values). Not differentiable through a bool or i32 input. */
export const cast = (x: tf.Tensor, dtype: "f32" | "i32" | "bool"): tf.Tensor => tf.cast(x, dtype === "f32" ? "float32" : dtype === "i32" ? "int32" : "bool");

/**
 * `x[...]`: the block starting at `begin` of `size` (-1: to the end of the axis), then per axis
 * every `step`-th element of it (a negative step from the block's last element backwards:
 * `x[::-1]`), then the axes in `drop` (indexed ones) removed. Linear: twice differentiable (a step
 * is a reverse, a pad, a reshape and a slice, all with exact gradients; tfjs has no gradient
 * for StridedSlice).
 */
export function slice(x: tf.Tensor, begin: number[], size: number[], drop: number[] = [], step?: number[]): tf.Tensor {
  return tf.tidy(() => {
    let block = tf.slice(x, begin, size);
    if (step) {
      const backwards = step.flatMap((s, axis) => (s < 0 ? [axis] : []));
      if (backwards.length) block = tf.reverse(block, backwards);
      step.forEach((s, axis) => {
        if (Math.abs(s) > 1) block = everyNth(block, axis, Math.abs(s));
      });
    }
    return drop.length ? tf.squeeze(block, drop) : block;
  });
}

/**
 * Elements 0, s, 2s, ... of `axis`: padded to a multiple of s, split into [m, s] and the first
 * of each group kept (the padding is never kept).
 */
function everyNth(x: tf.Tensor, axis: number, s: number): tf.Tensor {
  const n = x.shape[axis]!;
  const m = Math.ceil(n / s);
  const padded = m * s > n ? tf.pad(x, x.shape.map((_, i) => (i === axis ? [0, m * s - n] : [0, 0])) as [number, number][]) : x;
  const before = x.shape.slice(0, axis);
  const after = x.shape.slice(axis + 1);
  const groups = tf.reshape(padded, [...before, m, s, ...after]);
  const first = tf.slice(groups, groups.shape.map(() => 0), [...before, m, 1, ...after]);
  return tf.reshape(first, [...before, m, ...after]);
}

/** The axes of `x` in the order `perm` (torch.permute); linear. */
export const permute = (x: tf.Tensor, perm: number[]): tf.Tensor => tf.transpose(x, perm);

/** Pieces of `x` along `axis` of the given sizes (torch.split with a list); linear. */
export const split = (x: tf.Tensor, sizes: number[], axis: number): tf.Tensor[] =>
  // One piece is the tensor itself: tf.split's gradient of a single piece throws ("Pass at least one tensor to concat").
  sizes.length === 1 ? [tf.clone(x)] : tf.split(x, sizes, axis);

/** `x` with its axes of size 1 repeated to `shape` (torch.broadcast_to); the gradient sums the copies. */
export const broadcastTo = (x: tf.Tensor, shape: number[]): tf.Tensor => tf.broadcastTo(x, shape);
