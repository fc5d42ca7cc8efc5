import type { RegistryEntry } from "../../registry/types.js";
import { arg } from "../helpers.js";

/** Stochastic depth: a residual branch dropped for whole examples while training. */
export const dropPath: RegistryEntry = {
  kind: "layer",
  // A per-example mask times x / (1 − rate): linear in x, so second derivatives are exact.
  twiceDifferentiable: true,
  name: "drop_path",
  category: "regularization",
  doc:
    "Stochastic depth (Huang et al. 2016), as timm's `DropPath` and torchvision's `StochasticDepth(mode=\"row\")`: while training, " +
    "zeroes the whole input of an example with probability `rate` and scales the examples kept by `1 / (1 − rate)`; identity at " +
    "evaluation. Put it on a residual branch, `x + (branch |> drop_path(0.1))`, so a dropped example skips the block. No weights.",
  args: [{ name: "rate", type: "float", default: "0.1", doc: "Probability of dropping an example's branch, in [0, 1)." }],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const rate = arg.num(ctx.args.rate);
    if (!(rate >= 0 && rate < 1)) return ctx.fail("invalidArgument", `${ctx.site}: rate must be in [0, 1), but it is ${rate}`);
    const x = ctx.inputs[0]!;
    if (x.shape.length < 1) return ctx.fail("invalidArgument", `${ctx.site} drops whole examples of a batch [B, ...], but its input is a scalar`);
    return { shape: x.shape, dtype: x.dtype };
  },
  construct: (ctx, parent, name) => `new dl.layers.DropPath(${parent}, ${JSON.stringify(name)}, { rate: ${arg.num(ctx.args.rate)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x}, ${ctx.training})`,
};
