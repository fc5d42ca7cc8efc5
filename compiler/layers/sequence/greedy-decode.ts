/**
 * Greedy decoding with a trained sequence model of the train block (`greedy_decode(net, src,
 * mask)`): the model is called once per target position in inference mode, its arg-max token fed
 * back as the next input token. Runtime in runtime/nn/decode.ts (and dl_torch.ops.greedyDecode).
 */
import { constValue, definitelyDifferent, formatShape } from "../../shapes/dim.js";
import type { RegistryEntry, TensorShape } from "../../registry/types.js";
import { arg, lit } from "../helpers.js";

export const greedyDecode: RegistryEntry = {
  kind: "function",
  twiceDifferentiable: "greedy decoding picks tokens by arg-max, which has no gradient; decode in `evaluate`, train on teacher-forced targets",
  name: "greedy_decode",
  category: "sequence",
  doc:
    "Greedy decoding with a model instance of the train block: `greedy_decode(net, src, mask)` calls `net` in inference mode once per " +
    "target position, with its target input (the input at position `target`, `i32[B, T]`, left out of the call) a buffer that starts as " +
    "the `start` token; after call t the arg-max token at position t is kept and fed at position t + 1. The model must map that input to " +
    "next-token scores `[B, T, vocab]` and be causal in it (a decoder with a causal mask). Returns the tokens `i32[B, T]`, to compare " +
    "with `y[:, 1:]` in `evaluate`: `metric token_acc = mean(cast(greedy_decode(net, x, ones([B, 1, 8])) == y[:, 1:], \"f32\"))`.",
  args: [
    { name: "net", type: "model", doc: "The trained sequence model (a model of this train block)." },
    { name: "target", type: "int", default: "1", min: 0, doc: "Position of the target-token input among the model's inputs (Seq2SeqTransformer's `tgt`: 1)." },
    { name: "start", type: "int", default: "0", min: 0, doc: "The start token that begins every target (token_sequences: 0)." },
  ],
  inputs: { min: 0, max: 8 },
  integerInputs: "all",
  shape(ctx) {
    const net = ctx.args.net as { kind: "instance"; name: string } | undefined;
    const model = net && ctx.instance?.(net.name);
    if (!model) return ctx.fail("invalidArgument", `${ctx.site}: the first argument must be a model instance of this train block`);
    const target = Number(lit(arg.dim(ctx.args.target)));
    const given = ctx.inputs;
    if (model.inputs.length !== given.length + 1) {
      return ctx.fail(
        "invalidArgument",
        `${ctx.site}: ${model.name} (${model.describe}) takes ${model.inputs.length} inputs (${model.inputs.map((i) => `${i.name}: ${i.dtype}${formatShape(i.shape)}`).join(", ")}); ` +
          `greedy_decode passes every one but the target (input ${target}), so it needs ${model.inputs.length - 1} ${model.inputs.length === 2 ? "tensor" : "tensors"}, not ${given.length}`,
      );
    }
    if (!(target >= 0 && target < model.inputs.length)) return ctx.fail("invalidArgument", `${ctx.site}: target must name one of ${model.name}'s ${model.inputs.length} inputs (0 to ${model.inputs.length - 1}), not ${target}`);
    const tgt = model.inputs[target]!;
    if (tgt.dtype !== "i32" || tgt.shape.length !== 2) {
      return ctx.fail("dtypeMismatch", `${ctx.site}: ${model.name}'s input ${target} (${tgt.name}: ${tgt.dtype}${formatShape(tgt.shape)}) must hold target tokens i32[B, T]`);
    }
    if (constValue(tgt.shape[1]!) === undefined) {
      return ctx.fail("invalidArgument", `${ctx.site}: ${model.name}'s target input ${tgt.name}: ${tgt.dtype}${formatShape(tgt.shape)} needs a constant length, the number of tokens to decode (declare it as i32[B, 8], or from a model parameter)`);
    }
    const others = model.inputs.filter((_, i) => i !== target);
    for (const [i, want] of others.entries()) {
      const got = given[i]!;
      const mismatch = got.shape.length !== want.shape.length || got.shape.some((d, k) => definitelyDifferent(d, want.shape[k]!)) || got.dtype !== want.dtype;
      if (mismatch) return ctx.fail("dimensionMismatch", `${ctx.site}: input ${i + 1} is ${got.dtype}${formatShape(got.shape)}, but ${model.name} takes ${want.name}: ${want.dtype}${formatShape(want.shape)}`);
    }
    const out = model.output;
    if (!out || out.length !== 3 || definitelyDifferent(out[1]!, tgt.shape[1]!)) {
      return ctx.fail("rankMismatch", `${ctx.site}: ${model.name} must return next-token scores [B, ${formatShape([tgt.shape[1]!]).slice(1, -1)}, vocab] for its target input, but returns ${out ? formatShape(out) : "a tuple"}`);
    }
    const batch = (given[0] ?? tgt).shape[0]!;
    const result: TensorShape = { shape: [batch, tgt.shape[1]!], dtype: "i32" };
    return result;
  },
  apply: (ctx, inputs) =>
    `dl.ops.greedyDecode(${ctx.args.net as string}, [${inputs.join(", ")}], ${lit(arg.dim(ctx.args.target))}, ${ctx.dim(ctx.output.shape[1]!)}, ${lit(arg.dim(ctx.args.start))})`,
};
