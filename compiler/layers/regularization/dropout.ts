import type { RegistryEntry } from "../../registry/types.js";
import { arg } from "../helpers.js";

/** Inverted dropout: active only while training. */
export const dropout: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "dropout",
  category: "regularization",
  doc: "Dropout (Srivastava et al. 2014): while training, zeroes each element with probability `rate` and scales the rest by `1 / (1 − rate)`; identity at evaluation. No weights.",
  args: [{ name: "rate", type: "float", default: "0.5", doc: "Probability of dropping an element, in [0, 1)." }],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const rate = arg.num(ctx.args.rate);
    if (!(rate >= 0 && rate < 1)) return ctx.fail("invalidArgument", `${ctx.site}: rate must be in [0, 1), but it is ${rate}`);
    return { shape: ctx.inputs[0]!.shape, dtype: ctx.inputs[0]!.dtype };
  },
  construct: (ctx, parent, name) => `new dl.layers.Dropout(${parent}, ${JSON.stringify(name)}, { rate: ${arg.num(ctx.args.rate)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x}, ${ctx.training})`,
};
