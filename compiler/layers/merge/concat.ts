import { add, definitelyDifferent, format, formatShape } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, normalizeAxis } from "../helpers.js";

/** Concatenation along one axis (channels by default). */
export const concat: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "concat",
  category: "merge",
  doc: "Concatenates tensors along `axis` (default the last, channels); all other axes must agree. Inception branches and U-Net skips. No weights.",
  args: [{ name: "axis", type: "axis", default: "-1", doc: "Axis to join along." }],
  inputs: { min: 2, max: 16 },
  integerInputs: "all",
  shape(ctx) {
    const [first, ...rest] = ctx.inputs;
    const rank = first!.shape.length;
    const axis = normalizeAxis(arg.num(ctx.args.axis), rank);
    if (axis === undefined) return ctx.fail("invalidArgument", `${ctx.site}: axis ${arg.num(ctx.args.axis)} is out of range for rank ${rank}`);
    const out = [...first!.shape];
    for (const [k, t] of rest.entries()) {
      if (t.shape.length !== rank) {
        return ctx.fail("rankMismatch", `${ctx.site}: input ${k + 2} has shape ${formatShape(t.shape)} but input 1 has ${formatShape(first!.shape)}; ranks must match`);
      }
      for (let i = 0; i < rank; i++) {
        if (i !== axis && definitelyDifferent(out[i]!, t.shape[i]!)) {
          return ctx.fail(
            "dimensionMismatch",
            `${ctx.site}: inputs must agree on every axis but ${axis}, but axis ${i} is ${format(out[i]!)} in input 1 and ${format(t.shape[i]!)} in input ${k + 2}` +
              (rank === 4 && (i === 1 || i === 2) ? `; crop the larger one first (U-Net's crop-and-concat)` : ""),
          );
        }
      }
      out[axis] = add(out[axis]!, t.shape[axis]!);
    }
    return { shape: out, dtype: first!.dtype };
  },
  apply: (ctx, inputs) => `dl.ops.concat([${inputs.join(", ")}], ${arg.num(ctx.args.axis)})`,
};
