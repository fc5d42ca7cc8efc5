import { constValue, definitelyDifferent, dim, format, formatShape, mul } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit } from "../helpers.js";

/** Multi-head scaled dot-product attention (Vaswani et al. 2017). */
export const multiheadAttention: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "multihead_attention",
  category: "attention",
  doc:
    "Multi-head scaled dot-product attention (Vaswani et al. 2017), as torch.nn.MultiheadAttention(D, heads, batch_first=True). " +
    "Inputs: `query: [B, Tq, D]`, optionally `memory: [B, Tk, D]` (keys and values; default the query: self-attention) and " +
    "`mask: [B or 1, Tq or 1, Tk]` (1 attends, 0 blocks). `causal=true` also blocks every key after the query's position " +
    "(decoder self-attention). `softmax(Q Kᵀ / sqrt(D / heads)) V` per head, heads concatenated and projected. Output `[B, Tq, D]`. " +
    "Weights as PyTorch's in_proj and out_proj: `inProjKernel: [D, 3·D]`, `inProjBias: [3·D]`, `outKernel: [D, D]`, `outBias: [D]` (4·D² + 4·D).",
  args: [
    { name: "heads", type: "int", doc: "Attention heads; must divide D." },
    { name: "causal", type: "bool", default: "false", doc: "Block attention to later positions." },
    { name: "dropout", type: "float", default: "0.0", doc: "Dropout on the attention weights while training." },
  ],
  inputs: { min: 1, max: 3 },
  inputsNote: "its inputs are (query, keys, mask): the keys are also the values, so PyTorch's (q, k, v, mask) is (q, k, mask)",
  shape(ctx) {
    const [q, kv, mask] = ctx.inputs;
    for (const [what, t] of [["query", q], ["memory", kv]] as const) {
      if (t && t.shape.length !== 3) return ctx.fail("rankMismatch", `${ctx.site} expects the ${what} as [B, T, D] (rank 3) but got ${formatShape(t.shape)}`);
    }
    const d = q!.shape[2]!;
    if (kv && definitelyDifferent(kv.shape[2]!, d)) {
      return ctx.fail("dimensionMismatch", `${ctx.site}: the memory has ${format(kv.shape[2]!)} features but the query has ${format(d)}; they must agree`);
    }
    const heads = constValue(arg.dim(ctx.args.heads));
    const width = constValue(d);
    if (heads !== undefined && width !== undefined && width % heads !== 0) {
      return ctx.fail(
        "nonIntegerDimension",
        `${ctx.site}: the model width D = ${width} is split evenly among the heads (each attends over D / heads features), but ${width} / ${heads} = ${+(width / heads).toFixed(2)}; ${headsHint(width, heads)}`,
      );
    }
    if (mask) {
      const tk = (kv ?? q)!.shape[1]!;
      if (mask.shape.length !== 3 || definitelyDifferent(mask.shape[2]!, tk)) {
        return ctx.fail("dimensionMismatch", `${ctx.site}: the mask must be [B, Tq, Tk] with Tk = ${format(tk)} (1 broadcasts), but got ${formatShape(mask.shape)}`);
      }
    }
    const rate = arg.num(ctx.args.dropout);
    if (!(rate >= 0 && rate < 1)) return ctx.fail("invalidArgument", `${ctx.site}: dropout must be in [0, 1), but it is ${rate}`);
    return { shape: q!.shape, dtype: "f32" };
  },
  // softmax(Q Kᵀ) per head: B·heads·Tq·Tk values, kept (with the probabilities) for the backward pass.
  kept(args, inputs) {
    const q = inputs[0]!.shape;
    const tk = (inputs[1] ?? inputs[0]!).shape[1]!;
    return [[q[0]!, arg.dim(args.heads), q[1]!, tk]];
  },
  weights(_args, inputs) {
    const d = inputs[0]!.shape[2]!;
    return [
      { name: "inProjKernel", shape: [d, mul(d, dim(3))], trainable: true },
      { name: "inProjBias", shape: [mul(d, dim(3))], trainable: true },
      { name: "outKernel", shape: [d, d], trainable: true },
      { name: "outBias", shape: [d], trainable: true },
    ];
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.MultiHeadAttention(${parent}, ${JSON.stringify(name)}, { dModel: ${lit(ctx.inputs[0]!.shape[2]!)}, heads: ${lit(arg.dim(ctx.args.heads))}, ` +
    `causal: ${arg.bool(ctx.args.causal)}, dropout: ${arg.num(ctx.args.dropout)} })`,
  apply: (ctx, [q, kv, mask]) => `${ctx.field}.apply(${q}, ${kv ?? "null"}, ${mask ?? "null"}, ${ctx.training})`,
};

/** Sinusoidal positional encodings added to a sequence of vectors. */
export const positionalEncoding: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "positional_encoding",
  category: "attention",
  doc:
    "Adds the sinusoidal positional encodings of Vaswani et al. (2017) to `[B, T, D]`: " +
    "`PE(t, 2i) = sin(t / 10000^(2i/D))`, `PE(t, 2i+1) = cos(t / 10000^(2i/D))`. No weights.",
  args: [],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (x.shape.length !== 3) return ctx.fail("rankMismatch", `${ctx.site} expects [B, T, D] (rank 3) but got ${formatShape(x.shape)}`);
    const d = constValue(x.shape[2]!);
    if (d !== undefined && d % 2 !== 0) return ctx.fail("invalidArgument", `${ctx.site}: D must be even (sine and cosine pairs), but it is ${d}`);
    return { shape: x.shape, dtype: "f32" };
  },
  apply: (_ctx, [x]) => `dl.ops.positionalEncoding(${x})`,
};

/** The head counts nearest to `heads` that divide `width` (`use heads=4 or heads=8`). */
function headsHint(width: number, heads: number): string {
  const below = [...Array(heads).keys()].reverse().find((h) => h > 0 && width % h === 0);
  let above = heads + 1;
  while (above <= width && width % above !== 0) above++;
  const options = [below, above <= width ? above : undefined].filter((h): h is number => h !== undefined);
  return `use ${options.map((h) => `heads=${h}`).join(" or ")}`;
}
