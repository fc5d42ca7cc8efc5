import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit, requireRank } from "../helpers.js";

/** Local response normalization across channels (AlexNet). */
export const lrn: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "lrn",
  category: "normalization",
  doc:
    "Local response normalization across channels (Krizhevsky et al. 2012), as torch.nn.LocalResponseNorm: " +
    "`b_c = a_c / (k + alpha/size · Σ a_j²)^beta` over the `size` neighbouring channels j. PyTorch divides alpha " +
    "by size, so the paper's `α = 1e-4, n = 5` is `lrn(5, alpha=5e-4, k=2)`. `[B, H, W, C]` in and out. No weights.",
  args: [
    { name: "size", type: "int", default: "5", doc: "Number of neighbouring channels summed over (odd)." },
    { name: "alpha", type: "float", default: "1e-4", doc: "Scale, divided by `size` (PyTorch convention)." },
    { name: "beta", type: "float", default: "0.75", doc: "Exponent." },
    { name: "k", type: "float", default: "1.0", doc: "Additive constant (the paper uses 2)." },
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
    return { shape: x.shape, dtype: "f32" };
  },
  apply: (ctx, [x]) => {
    const a = ctx.args;
    return `dl.ops.localResponseNorm(${x}, { size: ${lit(arg.dim(a.size))}, alpha: ${arg.num(a.alpha)}, beta: ${arg.num(a.beta)}, k: ${arg.num(a.k)} })`;
  },
};
