import type { EmitContext, RegistryEntry } from "../../registry/types.js";
import { arg } from "../helpers.js";

/** Shapes in random functions may use the batch size, read at run time. */
const shapeCode = (ctx: EmitContext) => `[${arg.dims(ctx.args.shape).map(ctx.dim).join(", ")}]`;

export const normal: RegistryEntry = {
  kind: "function",
  twiceDifferentiable: true,
  name: "normal",
  category: "random",
  doc: "A tensor of independent standard-normal samples (`mean + std·N(0, 1)`), drawn from the run's seeded generator. GAN latent codes: `normal([B, 100])`.",
  args: [
    { name: "shape", type: "ints", doc: "Shape, usually starting with the batch size `B`." },
    { name: "mean", type: "float", default: "0", doc: "Mean." },
    { name: "std", type: "float", default: "1", doc: "Standard deviation." },
  ],
  inputs: { min: 0, max: 0 },
  shape: (ctx) => ({ shape: arg.dims(ctx.args.shape), dtype: "f32" }),
  apply: (ctx) => `dl.random.normal(${shapeCode(ctx)}, ${ctx.rng}, ${arg.num(ctx.args.mean)}, ${arg.num(ctx.args.std)})`,
};

export const uniform: RegistryEntry = {
  kind: "function",
  twiceDifferentiable: true,
  name: "uniform",
  category: "random",
  doc: "A tensor of independent samples uniform in [lo, hi), from the run's seeded generator.",
  args: [
    { name: "shape", type: "ints", doc: "Shape, usually starting with the batch size `B`." },
    { name: "lo", type: "float", default: "0", doc: "Lower bound." },
    { name: "hi", type: "float", default: "1", doc: "Upper bound (exclusive)." },
  ],
  inputs: { min: 0, max: 0 },
  shape: (ctx) => ({ shape: arg.dims(ctx.args.shape), dtype: "f32" }),
  apply: (ctx) => `dl.random.uniform(${shapeCode(ctx)}, ${arg.num(ctx.args.lo)}, ${arg.num(ctx.args.hi)}, ${ctx.rng})`,
};
