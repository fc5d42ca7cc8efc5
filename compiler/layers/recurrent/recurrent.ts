import { secondOrder } from "../../registry/second-order.js";
import { limits } from "../../../grammar/limits.js";
import { constValue, definitelyDifferent, dim, format, formatShape, mul, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry, TensorShape, WeightSpec } from "../../registry/types.js";
import { arg, lit } from "../helpers.js";
import { requirePositive } from "../conv/conv-arithmetic.js";
import { initArgs, initOptions } from "../initializers.js";

/** A recurrent layer (Elman RNN, LSTM, GRU) with PyTorch's weights: `gates` blocks of H rows. */
function recurrent(name: string, className: string, gates: number, what: string, extra: { args?: RegistryEntry["args"]; doc?: string } = {}): RegistryEntry {
  /** Whether the layer has its hidden bias: not a GRU in the lecture's form (`reset_after=false`). */
  const hiddenBias = (args: Record<string, unknown>) => args.reset_after === undefined || arg.bool(args.reset_after as boolean);
  const entry: RegistryEntry = {
    kind: "layer",
    twiceDifferentiable: secondOrder.recurrent,
    name,
    category: "recurrent",
    doc:
      `${what} over sequences \`[B, T, I]\`, as torch.nn.${className}(batch_first=True). Output \`[B, T, units·dirs]\` with ` +
      "`return_sequences=true`, else the final hidden state `[B, units·dirs]` (for a bidirectional layer the forward " +
      "direction after step T and the backward one after step 1, PyTorch's `h_n`). `layers` stacks layers, each reading " +
      "the previous one's sequence. Weights per layer and direction, with PyTorch's two biases: " +
      `\`weight_ih: [in, ${gates}·units]\`, \`weight_hh: [units, ${gates}·units]\`, \`bias_ih\`, \`bias_hh: [${gates}·units]\`, ` +
      `so ${gates === 1 ? "" : `${gates}·`}(units·(in + units) + 2·units) parameters, \`in\` = I for the first layer and units·dirs above it; ` +
      "`bias=false` drops both biases (PyTorch's `bias=False`). States, as PyTorch's with the batch first, are " +
      `\`[B, layers·dirs, units]\`: \`${name}(x, h0${gates === 4 ? ", c0" : ""})\` starts from them (zeros by default), and ` +
      `\`return_state=true\` returns \`(output, h_n${gates === 4 ? ", c_n" : ""})\`, so an encoder's final state can start a decoder: ` +
      `\`let (_, h${gates === 4 ? ", c" : ""}) = src |> ${name}(64, return_state=true)\`.` + (extra.doc ?? ""),
    args: [
      { name: "units", type: "int", doc: "Hidden state size H." },
      { name: "layers", type: "int", default: "1", keyword: true, doc: "Stacked layers (named only: `lstm(64, layers=2)`, so PyTorch's `LSTM(28, 64)` is refused rather than read as 64 layers).", max: limits.layerCount },
      { name: "bidirectional", type: "bool", default: "false", doc: "Also run backwards in time and concatenate both directions." },
      { name: "return_sequences", type: "bool", default: "false", doc: "Return every step's output `[B, T, H·dirs]` instead of the final state `[B, H·dirs]`." },
      { name: "bias", type: "bool", default: "true", doc: "Learn the input and hidden biases `bias_ih`, `bias_hh`." },
      { name: "return_state", type: "bool", default: "false", doc: `Return \`(output, h_n${gates === 4 ? ", c_n" : ""})\`, the final state${gates === 4 ? "s" : ""} as \`[B, layers·dirs, units]\`.` },
      ...(extra.args ?? []),
      ...initArgs({ recurrent: true }),
    ],
    inputs: { min: 1, max: gates === 4 ? 3 : 2 },
    shape: (ctx) => entry.outputs!(ctx)?.[0],
    tuple: (args) => arg.bool(args.return_state),
    outputs(ctx) {
      const x = ctx.inputs[0]!;
      if (x.shape.length !== 3) {
        // Images of one channel are read as sequences of rows once the channel axis goes.
        const rows = x.shape.length === 4 && constValue(x.shape[3]!) === 1 ? `: read an image as a sequence of its rows with reshape([${format(x.shape[1]!)}, ${format(x.shape[2]!)}]) first` : "";
        return ctx.fail("rankMismatch", `${ctx.site} expects a sequence [B, T, I] (rank 3) but got ${formatShape(x.shape)} (rank ${x.shape.length})${rows}`);
      }
      const units = arg.dim(ctx.args.units);
      if (!requirePositive(ctx, "units", units) || !requirePositive(ctx, "layers", arg.dim(ctx.args.layers))) return undefined;
      const dirs = arg.bool(ctx.args.bidirectional) ? 2 : 1;
      const out = mul(units, dim(dirs));
      const main: TensorShape = { shape: arg.bool(ctx.args.return_sequences) ? [x.shape[0]!, x.shape[1]!, out] : [x.shape[0]!, out], dtype: "f32" };
      // States per layer and direction, batch first: PyTorch's h_0/h_n as [B, layers·dirs, units].
      const state: TensorShape = { shape: [x.shape[0]!, mul(arg.dim(ctx.args.layers), dim(dirs)), units], dtype: "f32" };
      for (const [i, s] of ctx.inputs.slice(1).entries()) {
        const what = i === 0 ? "h0" : "c0";
        const same = s.shape.length === 3 && s.shape.every((d, k) => !definitelyDifferent(d, state.shape[k]!));
        if (!same) {
          return ctx.fail("dimensionMismatch", `${ctx.site}: the initial state ${what} must be ${formatShape(state.shape)} (batch, layers·directions, units), but it is ${formatShape(s.shape)}`);
        }
      }
      return arg.bool(ctx.args.return_state) ? [main, state, ...(gates === 4 ? [state] : [])] : [main];
    },
    weights(args, inputs) {
      const units = arg.dim(args.units);
      const dirs = arg.bool(args.bidirectional) ? 2 : 1;
      const layers = arg.dim(args.layers);
      const n = layers.k === "const" ? layers.v : 1;
      const g = mul(units, dim(gates));
      const out: WeightSpec[] = [];
      for (let l = 0; l < n; l++) {
        const input: Dim = l === 0 ? inputs[0]!.shape[2]! : mul(units, dim(dirs));
        for (let d = 0; d < dirs; d++) {
          // The runtime layer's variable names (runtime/nn/recurrent.ts): weightIhL0, biasHhL1Reverse, ...
          const suffix = `L${l}${d ? "Reverse" : ""}`;
          out.push({ name: `weightIh${suffix}`, shape: [input, g], trainable: true }, { name: `weightHh${suffix}`, shape: [units, g], trainable: true });
          if (arg.bool(args.bias)) out.push({ name: `biasIh${suffix}`, shape: [g], trainable: true });
          if (arg.bool(args.bias) && hiddenBias(args)) out.push({ name: `biasHh${suffix}`, shape: [g], trainable: true });
        }
      }
      return out;
    },
    construct: (ctx, parent, layerName) =>
      `new dl.layers.${className}(${parent}, ${JSON.stringify(layerName)}, { inputSize: ${lit(ctx.inputs[0]!.shape[2]!)}, units: ${lit(arg.dim(ctx.args.units))}, ` +
      `layers: ${lit(arg.dim(ctx.args.layers))}, bidirectional: ${arg.bool(ctx.args.bidirectional)}, returnSequences: ${arg.bool(ctx.args.return_sequences)}${arg.bool(ctx.args.bias) ? "" : ", bias: false"}` +
      `${hiddenBias(ctx.args) ? "" : ", resetAfter: false"}${initOptions(ctx.args)} })`,
    apply: (ctx, [x, h0, c0]) =>
      arg.bool(ctx.args.return_state) || h0 !== undefined
        ? `${ctx.field}.applyWithState(${x}, ${h0 ?? "null"}, ${c0 ?? "null"})${arg.bool(ctx.args.return_state) ? "" : "[0]!"}`
        : `${ctx.field}.apply(${x})`,
  };
  return entry;
}

export const rnn = recurrent("rnn", "RNN", 1, "Elman recurrent layer `h_t = tanh(x_t W_ih + b_ih + h_{t−1} W_hh + b_hh)` (Elman 1990)");
export const lstm = recurrent(
  "lstm",
  "LSTM",
  4,
  "Long short-term memory (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000): input, forget, cell and output gates in PyTorch's order i, f, g, o, and a cell state",
);
export const gru = recurrent("gru", "GRU", 3, "Gated recurrent unit (Cho et al. 2014): reset and update gates in PyTorch's order r, z, n", {
  args: [
    {
      name: "reset_after",
      type: "bool",
      default: "true",
      doc: "Apply the reset gate after the hidden product, `n = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn))` (PyTorch, Keras' default), or before it, `n = tanh(x W_in + (r ⊙ h) W_hn + b_n)` (`false`: the lecture's and Cho et al.'s form, one bias per gate).",
    },
  ],
  doc:
    " `reset_after=false` is the lecture's GRU: `g_t = tanh(x_t W_xh + (r_t ⊙ h_{t−1}) W_hh + b_h)`, `h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ g_t`, " +
    "with `bias_ih` only, so 3·(units·(in + units) + units) parameters.",
});
