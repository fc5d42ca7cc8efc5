/**
 * Output sizes of max and average pooling, as PyTorch computes them: padding is one number per
 * axis (both sides, at most half the window), and `ceil_mode` rounds the window count up as long
 * as the last window starts inside the input or its left padding.
 */
import { add, ceilDiv, constValue, dim, format, sub, type Dim } from "../../shapes/dim.js";
import type { Padding, ShapeContext } from "../../registry/types.js";
import { outputSize } from "../conv/conv-arithmetic.js";

/** The symmetric pad of each axis of explicit padding (undefined for same/valid, or sides that differ or are symbolic). */
export function axisPads(p: Padding, axes: number): number[] | undefined {
  if (p.kind !== "explicit") return undefined;
  const out: number[] = [];
  for (let i = 0; i < axes; i++) {
    const [a, b] = p.pads[i]!.map(constValue);
    if (a === undefined || a !== b) return undefined;
    out.push(a);
  }
  return out;
}

/**
 * Checks pooling padding against the window (PyTorch: pad ≤ size / 2 on every side) and
 * `ceil_mode` against `same`; reports and returns false when they do not fit.
 */
export function checkPoolPadding(ctx: ShapeContext, padding: Padding, sizes: Dim[], ceilMode: boolean): boolean {
  if (padding.kind === "same" && ceilMode) {
    ctx.fail("invalidArgument", `${ctx.site}: ceil_mode applies to valid or explicit padding; padding=same already rounds the output size up`);
    return false;
  }
  if (padding.kind !== "explicit") return true;
  // Symbolic pads are checked once the model is instantiated with numbers.
  if (padding.pads.flat().some((d) => constValue(d) === undefined)) return true;
  const pads = axisPads(padding, sizes.length);
  // The runtime pools (tfjs) take one symmetric pad per axis of at most half the window, as PyTorch does.
  if (!pads) {
    const form = sizes.length === 1 ? "one number p" : "one number p or [ph, pw]";
    ctx.fail("invalidArgument", `${ctx.site}: pooling pads both sides of an axis alike (PyTorch's rule): give ${form}, or padding=same or valid`);
    return false;
  }
  const names = sizes.length === 1 ? ["T"] : ["H", "W"];
  for (const [i, p] of pads.entries()) {
    const size = constValue(sizes[i]!);
    if (size === undefined || p <= Math.floor(size / 2)) continue;
    const most = Math.floor(size / 2);
    ctx.fail(
      "invalidArgument",
      `${ctx.site}: padding ${p} on ${names[i]} is more than half the ${size}-wide window there; pooling pads each side by at most ⌊${size} / 2⌋ = ${most} (PyTorch's rule)` +
        `: use padding ${sizes.length === 1 ? most : `[${pads.map((q, j) => Math.min(q, Math.floor((constValue(sizes[j]!) ?? q * 2) / 2))).join(", ")}]`} or a larger window`,
    );
    return false;
  }
  return true;
}

/** One pooled axis: `conv` arithmetic (floor), or PyTorch's ceil_mode rule. */
export function pooledSize(ctx: ShapeContext, axis: string, n: Dim, size: Dim, stride: Dim, padding: Padding, index: 0 | 1, ceilMode: boolean): Dim | undefined {
  const one = dim(1);
  if (!ceilMode) return outputSize(ctx, axis, n, size, stride, one, padding, index);
  const p = padding.kind === "explicit" ? padding.pads[index][0] : dim(0);
  const span = sub(add(n, add(p, p)), size);
  const v = constValue(span);
  if (v !== undefined && v < 0) {
    ctx.fail("nonPositiveDimension", `${ctx.site} maps ${axis} ${format(n)} → 0: the input (with padding) is smaller than the ${format(size)}-wide window`);
    return undefined;
  }
  let out = add(ceilDiv(span, stride), one);
  // The last window must start inside the input or its left padding, else it is dropped.
  const [o, s, nn, pp] = [out, stride, n, p].map(constValue);
  if (o !== undefined && s !== undefined && nn !== undefined && pp !== undefined && (o - 1) * s >= nn + pp) out = dim(o - 1);
  return out;
}
