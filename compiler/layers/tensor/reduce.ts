import { formatShape } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, batchAxisReduced, normalizeAxis } from "../helpers.js";

/** A reduction over one axis (mean over time steps, sum of per-pixel losses). */
function reduce(name: "mean" | "sum", doc: string): RegistryEntry {
  return {
    kind: "layer",
    twiceDifferentiable: true,
    name,
    category: "tensor",
    doc: `${doc} Without \`axis\` it reduces everything to a scalar. No weights.`,
    args: [
      { name: "axis", type: "axis", default: "none", doc: "Axis to reduce; omitted: all axes (a scalar)." },
      { name: "keepdims", type: "bool", default: "false", doc: "Keep the reduced axis with size 1." },
    ],
    inputs: { min: 1, max: 1 },
    integerInputs: "all",
    shape(ctx) {
      const x = ctx.inputs[0]!;
      // A mean of integers has fractions (tf.mean gives float32); a sum of integers stays one.
      const dtype = name === "mean" ? "f32" : x.dtype;
      if (ctx.args.axis === undefined) return { shape: [], dtype };
      const raw = arg.num(ctx.args.axis);
      const axis = normalizeAxis(raw, x.shape.length);
      if (axis === undefined) return ctx.fail("invalidArgument", `${ctx.site}: axis ${raw} is out of range for ${formatShape(x.shape)}`);
      if (axis === 0 && x.shape.length > 1) return ctx.fail("invalidArgument", batchAxisReduced(ctx.site, raw, name));
      const shape = arg.bool(ctx.args.keepdims) ? x.shape.map((d, i) => (i === axis ? { k: "const" as const, v: 1 } : d)) : x.shape.filter((_, i) => i !== axis);
      return { shape, dtype };
    },
    apply: (ctx, [x]) => (ctx.args.axis === undefined ? `dl.ops.${name}(${x})` : `dl.ops.${name}(${x}, ${arg.num(ctx.args.axis)}, ${arg.bool(ctx.args.keepdims)})`),
  };
}

export const mean = reduce("mean", "Mean over `axis` (for example over time steps: `mean(axis=1)`).");
export const sum = reduce("sum", "Sum over `axis`.");
