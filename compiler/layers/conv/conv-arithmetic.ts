/**
 * Output-size arithmetic shared by convolution and pooling, with messages that show the formula.
 */
import { add, ceilDiv, constValue, dim, floorDiv, format, mul, sub, type Dim } from "../../shapes/dim.js";
import type { Padding, ShapeContext } from "../../registry/types.js";

/**
 * One spatial axis: `same` gives ceil(n / stride); `valid` and explicit padding give
 * floor((n + pads - dilation·(k − 1) − 1) / stride) + 1. Reports a non-positive result.
 */
export function outputSize(
  ctx: ShapeContext,
  axis: string,
  n: Dim,
  kernel: Dim,
  stride: Dim,
  dilation: Dim,
  padding: Padding,
  index: 0 | 1,
): Dim | undefined {
  if (padding.kind === "same") return ceilDiv(n, stride);
  const pads = padding.kind === "explicit" ? add(padding.pads[index][0], padding.pads[index][1]) : dim(0);
  const effective = add(mul(dilation, sub(kernel, dim(1))), dim(1));
  const out = add(floorDiv(sub(add(n, pads), effective), stride), dim(1));
  const v = constValue(out);
  if (v !== undefined && v <= 0) {
    const padText = padding.kind === "explicit" ? ` + ${format(pads)}` : "";
    ctx.fail(
      "nonPositiveDimension",
      `${ctx.site} maps ${axis} ${format(n)} → ${v}: (${format(n)}${padText} − ${format(effective)}) / ${format(stride)} + 1 ≤ 0; ` +
        `the input is smaller than the ${format(effective)}-wide window: use padding=same or a smaller kernel`,
    );
    return undefined;
  }
  return out;
}

/** A positive integer argument; reports zero or negative values. */
export function requirePositive(ctx: ShapeContext, name: string, value: Dim): boolean {
  const v = constValue(value);
  if (v !== undefined && v <= 0) {
    ctx.fail("invalidArgument", `${ctx.site}: ${name} must be positive, but it is ${v}`);
    return false;
  }
  return true;
}

/** Checks that `groups` divides both channel counts. */
export function checkGroups(ctx: ShapeContext, channels: Dim, filters: Dim, groups: Dim): boolean {
  for (const [what, value] of [["input channels", channels], ["filters", filters]] as const) {
    const g = constValue(groups);
    const v = constValue(value);
    if (g !== undefined && v !== undefined && v % g !== 0) {
      ctx.fail("nonIntegerDimension", `${ctx.site}: groups=${g} must divide the ${what} (${v}), but ${v} / ${g} = ${(v / g).toFixed(2)}`);
      return false;
    }
  }
  return true;
}
