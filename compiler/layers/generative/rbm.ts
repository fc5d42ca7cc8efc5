import { secondOrder } from "../../registry/second-order.js";
import { formatShape, mul } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit } from "../helpers.js";
import { requirePositive } from "../conv/conv-arithmetic.js";

/** A restricted Boltzmann machine over `[B, V]` binary (or [0, 1]) visible units. */
export const rbm: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: secondOrder.rbm,
  name: "rbm",
  category: "generative",
  doc:
    "Restricted Boltzmann machine (Smolensky 1986; Hinton 2002): `V` visible and `hidden` binary units with energy " +
    "`E(v, h) = −v·b_v − h·b_h − vᵀWh`, so `p(h = 1 | v) = σ(vW + b_h)` and `p(v = 1 | h) = σ(hWᵀ + b_v)`. Input `[B, V]` " +
    "(pixels in [0, 1] read as probabilities); output the mean-field reconstruction `p(v | p(h | v))` `[B, V]`. Train it with " +
    "`contrastive_divergence(net, x, k=1)`, not by backpropagating a reconstruction loss. Weights `kernel: [V, hidden]` " +
    "(N(0, 0.01²)), `visibleBias: [V]`, `hiddenBias: [hidden]` (zeros): V·hidden + V + hidden parameters.",
  args: [{ name: "hidden", type: "int", doc: "Hidden units." }],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (x.shape.length !== 2) {
      const fix = x.shape.length > 2 ? { title: "Insert `flatten` before rbm", insertBefore: "flatten" } : undefined;
      const flat = x.shape.length > 2 ? `: insert \`flatten\` before it to get [B, ${formatShape([x.shape.slice(1).reduce((a, d) => mul(a, d))]).slice(1, -1)}]` : "";
      return ctx.fail("rankMismatch", `${ctx.site} expects visible units [B, V] but got ${formatShape(x.shape)}${flat}`, fix);
    }
    if (!requirePositive(ctx, "hidden", arg.dim(ctx.args.hidden))) return undefined;
    return { shape: x.shape, dtype: "f32" };
  },
  weights(args, inputs) {
    const v = inputs[0]!.shape[1]!;
    const h = arg.dim(args.hidden);
    return [
      { name: "kernel", shape: [v, h], trainable: true },
      { name: "visibleBias", shape: [v], trainable: true },
      { name: "hiddenBias", shape: [h], trainable: true },
    ];
  },
  construct: (ctx, parent, name) => `new dl.layers.RBM(${parent}, ${JSON.stringify(name)}, { visible: ${lit(ctx.inputs[0]!.shape[1]!)}, hidden: ${lit(arg.dim(ctx.args.hidden))} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};
