/**
 * Tensor math for custom losses and metrics: elementwise `log`, `exp`, `sqrt`, `abs`, `pow`,
 * `clamp`; `max` and `min` as reductions over an axis or, given two tensors, elementwise; and
 * `argmax`. No weights.
 */
import { secondOrder } from "../../registry/second-order.js";
import { formatShape } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, batchAxisReduced, normalizeAxis } from "../helpers.js";
import { broadcast } from "../merge/broadcast.js";

function elementwise(name: string, doc: string, call: (x: string, a: Record<string, unknown>) => string, args: RegistryEntry["args"] = []): RegistryEntry {
  return {
    kind: "layer",
    twiceDifferentiable: true,
    name,
    category: "tensor",
    doc: `${doc} Elementwise; output shape equals input shape. No weights.`,
    args,
    inputs: { min: 1, max: 1 },
    shape: (ctx) => ({ shape: ctx.inputs[0]!.shape, dtype: "f32" }),
    apply: (ctx, [x]) => call(x!, ctx.args),
  };
}

export const log = elementwise("log", "Natural logarithm `ln x` (−∞ at 0: add a small constant first, `log(p + 1e-8)`).", (x) => `dl.ops.log(${x})`);
export const exp = elementwise("exp", "Exponential `eˣ`; twice differentiable.", (x) => `dl.ops.exp(${x})`);
export const sqrt = elementwise("sqrt", "Square root `√x` (its derivative is infinite at 0).", (x) => `dl.ops.sqrt(${x})`);
export const abs = elementwise("abs", "Absolute value `|x|`.", (x) => `dl.ops.abs(${x})`);
export const pow = elementwise("pow", "Power `x^exponent` for a constant exponent.", (x, a) => `dl.ops.pow(${x}, ${a.exponent as number})`, [
  { name: "exponent", type: "float", doc: "The constant exponent." },
]);

export const clamp: RegistryEntry = {
  ...elementwise("clamp", "Limits values to `[min, max]` (torch.clamp); twice differentiable.", (x, a) => `dl.ops.clamp(${x}, ${a.min as number}, ${a.max as number})`, [
    { name: "min", type: "float", doc: "Lower bound." },
    { name: "max", type: "float", doc: "Upper bound." },
  ]),
  shape(ctx) {
    if (arg.num(ctx.args.min) > arg.num(ctx.args.max)) return ctx.fail("invalidArgument", `${ctx.site}: min ${arg.num(ctx.args.min)} is above max ${arg.num(ctx.args.max)}`);
    return { shape: ctx.inputs[0]!.shape, dtype: "f32" };
  },
};

/** `max`/`min`: over an axis of one tensor, or elementwise between two. */
function extreme(name: "max" | "min"): RegistryEntry {
  const word = name === "max" ? "Maximum" : "Minimum";
  return {
    kind: "layer",
    twiceDifferentiable: secondOrder.maximum,
    name,
    category: "tensor",
    doc: `${word} over \`axis\` (all axes without it: a scalar), or with two tensors \`${name}(a, b)\` the elementwise ${word.toLowerCase()} (broadcasting). No weights.`,
    args: [
      { name: "axis", type: "axis", default: "none", doc: "Axis to reduce; omitted: all axes." },
      { name: "keepdims", type: "bool", default: "false", doc: "Keep the reduced axis with size 1." },
    ],
    inputs: { min: 1, max: 2 },
    integerInputs: "all",
    shape(ctx) {
      const x = ctx.inputs[0]!;
      if (ctx.inputs.length === 2) {
        if (ctx.args.axis !== undefined) return ctx.fail("invalidArgument", `${ctx.site}: the elementwise ${name} of two tensors takes no axis`);
        return broadcast(ctx, x, ctx.inputs[1]!);
      }
      if (ctx.args.axis === undefined) return { shape: [], dtype: x.dtype };
      const raw = arg.num(ctx.args.axis);
      const axis = normalizeAxis(raw, x.shape.length);
      if (axis === undefined) return ctx.fail("invalidArgument", `${ctx.site}: axis ${raw} is out of range for ${formatShape(x.shape)}`);
      if (axis === 0 && x.shape.length > 1) return ctx.fail("invalidArgument", batchAxisReduced(ctx.site, raw, name));
      const shape = arg.bool(ctx.args.keepdims) ? x.shape.map((d, i) => (i === axis ? { k: "const" as const, v: 1 } : d)) : x.shape.filter((_, i) => i !== axis);
      return { shape, dtype: x.dtype };
    },
    apply: (ctx, [x, y]) =>
      y !== undefined
        ? `dl.ops.${name}(${x}, ${y})`
        : ctx.args.axis === undefined
          ? `dl.ops.${name}(${x})`
          : `dl.ops.${name}(${x}, ${arg.num(ctx.args.axis)}, ${arg.bool(ctx.args.keepdims)})`,
  };
}

export const max = extreme("max");
export const min = extreme("min");

export const argmax: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "argmax",
  category: "tensor",
  doc: "Index of the largest value along `axis` (default the last): `[B, C]` → `[B]` of i32 (predicted classes). Not differentiable. No weights.",
  args: [{ name: "axis", type: "axis", default: "-1", doc: "Axis to search." }],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    const raw = arg.num(ctx.args.axis);
    const axis = normalizeAxis(raw, x.shape.length);
    if (axis === undefined) return ctx.fail("invalidArgument", `${ctx.site}: axis ${raw} is out of range for ${formatShape(x.shape)}`);
    return { shape: x.shape.filter((_, i) => i !== axis), dtype: "i32" };
  },
  apply: (ctx, [x]) => `dl.ops.argmax(${x}, ${arg.num(ctx.args.axis)})`,
};

/** Every entry of this file, for the registry. */
export const tensorMath: RegistryEntry[] = [log, exp, sqrt, abs, pow, clamp, max, min, argmax];
