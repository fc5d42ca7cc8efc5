import { formatShape, product } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { lit } from "../helpers.js";

/** Collapses every axis but the batch axis. */
export const flatten: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "flatten",
  category: "reshape",
  doc: "Flattens `[B, d1, d2, ...]` to `[B, d1·d2·...]`. No weights.",
  args: [],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (x.shape.length < 2) return ctx.fail("rankMismatch", `${ctx.site} expects at least [B, N] but got ${formatShape(x.shape)}`);
    return { shape: [x.shape[0]!, product(x.shape.slice(1))], dtype: x.dtype };
  },
  apply: (ctx, [x]) => `dl.ops.reshape(${x}, [${lit(ctx.output.shape[1]!)}])`,
};
