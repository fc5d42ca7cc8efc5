import { formatShape, mul } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit } from "../helpers.js";
import { initArgs, initOptions } from "../initializers.js";

/** Fully connected layer on the last axis. */
export const dense: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "dense",
  category: "core",
  doc:
    "Fully connected layer: `y = x W + b` on the last axis. Input `[B, N]` (or a sequence `[B, T, N]`), output `[..., units]`. " +
    "Weights `W: [N, units]`, `b: [units]`. With `pointwise=true` it takes any rank and maps every position alike " +
    "(`[B, H, W, C]` → `[B, H, W, units]`, PyTorch's `nn.Linear` on channels-last images, as in ConvNeXt's blocks).",
  args: [
    { name: "units", type: "int", doc: "Output features." },
    { name: "bias", type: "bool", default: "true", doc: "Add a learned bias." },
    ...initArgs(),
    {
      name: "pointwise",
      type: "bool",
      default: "false",
      doc: "Accept inputs of rank 4 and more, mapping the last axis at every position (otherwise an image input is an error that suggests `flatten`).",
    },
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (x.shape.length < 2) {
      return ctx.fail("rankMismatch", `${ctx.site} expects [B, N] but got ${formatShape(x.shape)}`);
    }
    // Rank 3 is a sequence [B, T, N] and maps each step; rank 4 and above is usually an image that
    // needs flattening (a classifier head), unless the program says it means every position.
    if (x.shape.length > 3 && !arg.bool(ctx.args.pointwise)) {
      return ctx.fail(
        "rankMismatch",
        `${ctx.site} expects [B, N] but got ${formatShape(x.shape)}: insert \`flatten\` before it to get [B, ${formatShape([x.shape.slice(1).reduce((a, d) => mul(a, d))]).slice(1, -1)}], or write pointwise=true to map the last axis at every position`,
        { title: "Insert `flatten` before dense", insertBefore: "flatten" },
      );
    }
    return { shape: [...x.shape.slice(0, -1), arg.dim(ctx.args.units)], dtype: "f32" };
  },
  weights(args, inputs) {
    const n = inputs[0]!.shape.at(-1)!;
    const units = arg.dim(args.units);
    const w = [{ name: "kernel", shape: [n, units], trainable: true }];
    return arg.bool(args.bias) ? [...w, { name: "bias", shape: [units], trainable: true }] : w;
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.Dense(${parent}, ${JSON.stringify(name)}, { inFeatures: ${lit(ctx.inputs[0]!.shape.at(-1)!)}, units: ${lit(arg.dim(ctx.args.units))}, bias: ${arg.bool(ctx.args.bias)}${initOptions(ctx.args)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};
