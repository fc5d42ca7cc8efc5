import { constValue, formatShape } from "../../shapes/dim.js";
import type { ArgValue, RegistryEntry } from "../../registry/types.js";
import { arg, batchAxisReduced, normalizeAxis } from "../helpers.js";

/** A reduction over one axis or several (mean over time steps, sum of per-pixel losses, global pooling by hand). */
function reduce(name: "mean" | "sum", doc: string): RegistryEntry {
  return {
    kind: "layer",
    twiceDifferentiable: true,
    name,
    category: "tensor",
    doc: `${doc} Without \`axis\` it reduces everything to a scalar. No weights.`,
    args: [
      { name: "axis", type: "axes", default: "none", doc: "Axis to reduce, or a list of axes (`axis=[1, 2]`, as PyTorch's `dim=(1, 2)`); omitted: all axes (a scalar)." },
      { name: "keepdims", type: "bool", default: "false", doc: "Keep the reduced axes with size 1." },
    ],
    inputs: { min: 1, max: 1 },
    integerInputs: "all",
    shape(ctx) {
      const x = ctx.inputs[0]!;
      // A mean of integers has fractions (tf.mean gives float32); a sum of integers stays one.
      const dtype = name === "mean" ? "f32" : x.dtype;
      if (ctx.args.axis === undefined) return { shape: [], dtype };
      const reduced = new Set<number>();
      for (const raw of axesOf(ctx.args.axis)) {
        const axis = normalizeAxis(raw, x.shape.length);
        if (axis === undefined) return ctx.fail("invalidArgument", `${ctx.site}: axis ${raw} is out of range for ${formatShape(x.shape)}`);
        if (axis === 0 && x.shape.length > 1) return ctx.fail("invalidArgument", batchAxisReduced(ctx.site, raw, name));
        if (reduced.has(axis)) return ctx.fail("invalidArgument", `${ctx.site}: axis ${raw} is listed twice in ${formatAxes(ctx.args.axis)}`);
        reduced.add(axis);
      }
      const shape = arg.bool(ctx.args.keepdims) ? x.shape.map((d, i) => (reduced.has(i) ? { k: "const" as const, v: 1 } : d)) : x.shape.filter((_, i) => !reduced.has(i));
      return { shape, dtype };
    },
    apply: (ctx, [x]) => (ctx.args.axis === undefined ? `dl.ops.${name}(${x})` : `dl.ops.${name}(${x}, ${formatAxes(ctx.args.axis)}, ${arg.bool(ctx.args.keepdims)})`),
  };
}

/** The constant axes of an `axes` argument, as written (negatives count from the end; `convert` admits constants only). */
function axesOf(value: ArgValue | undefined): number[] {
  return arg.dims(value).map((d) => constValue(d)!);
}

/** The axes as code: one axis as a number (`1`), several as a list (`[1, 2]`). */
function formatAxes(value: ArgValue | undefined): string {
  const axes = axesOf(value);
  return axes.length === 1 ? String(axes[0]) : `[${axes.join(", ")}]`;
}

export const mean = reduce("mean", "Mean over `axis` (for example over time steps: `mean(axis=1)`).");
export const sum = reduce("sum", "Sum over `axis`.");
