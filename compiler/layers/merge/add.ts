import type { RegistryEntry } from "../../registry/types.js";
import { broadcast } from "./broadcast.js";

/** Elementwise sum (residual connections); `a + b` in an expression means the same. */
export const add: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "add",
  category: "merge",
  doc: "Elementwise sum of two tensors with broadcasting; `a + b` is the same. Residual connections: `relu(main + skip)`. No weights.",
  args: [],
  inputs: { min: 2, max: 2 },
  shape: (ctx) => broadcast(ctx, ctx.inputs[0]!, ctx.inputs[1]!),
  apply: (_ctx, [a, b]) => `dl.ops.add(${a}, ${b})`,
};
