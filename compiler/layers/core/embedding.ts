import { formatShape } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit } from "../helpers.js";

/** A lookup table of learned vectors, indexed by integer tokens. */
export const embedding: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "embedding",
  category: "core",
  doc:
    "Embedding table (torch.nn.Embedding): integer tokens `i32[B, T]` (values in [0, vocab)) → `[B, T, dim]`. " +
    "Weights `table: [vocab, dim]`, initialized N(0, 1) as PyTorch does.",
  args: [
    { name: "vocab", type: "int", doc: "Number of distinct tokens." },
    { name: "dim", type: "int", doc: "Vector size per token." },
  ],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (x.dtype !== "i32") return ctx.fail("dtypeMismatch", `${ctx.site} looks up integer tokens, but got ${x.dtype}${formatShape(x.shape)}: declare the input as i32`);
    return { shape: [...x.shape, arg.dim(ctx.args.dim)], dtype: "f32" };
  },
  weights: (args) => [{ name: "table", shape: [arg.dim(args.vocab), arg.dim(args.dim)], trainable: true }],
  construct: (ctx, parent, name) =>
    `new dl.layers.Embedding(${parent}, ${JSON.stringify(name)}, { vocab: ${lit(arg.dim(ctx.args.vocab))}, dim: ${lit(arg.dim(ctx.args.dim))} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};
