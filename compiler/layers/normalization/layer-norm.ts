import { constValue, formatShape, mul } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit, requireRank } from "../helpers.js";

/** Layer normalization over the last axis (Transformers). */
export const layernorm: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "layernorm",
  category: "normalization",
  doc:
    "Layer normalization (Ba et al. 2016) over the last axis, as torch.nn.LayerNorm(D): each example (and step) " +
    "normalized to zero mean and unit variance, then scaled by `gamma: [D]` and shifted by `beta: [D]` (2·D parameters). " +
    "`affine=false` normalizes only (no parameters), as torch.nn.LayerNorm(D, elementwise_affine=False).",
  args: [
    { name: "eps", type: "float", default: "1e-5", doc: "Added to the variance for stability." },
    { name: "affine", type: "bool", default: "true", doc: "Learn an elementwise scale `gamma` and shift `beta` (PyTorch's `elementwise_affine`)." },
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (x.shape.length < 2) return ctx.fail("rankMismatch", `${ctx.site} expects [B, ..., D] but got ${formatShape(x.shape)}`);
    return { shape: x.shape, dtype: "f32" };
  },
  weights(args, inputs) {
    const d = inputs[0]!.shape.at(-1)!;
    if (!arg.bool(args.affine)) return [];
    return [
      { name: "gamma", shape: [d], trainable: true },
      { name: "beta", shape: [d], trainable: true },
    ];
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.LayerNorm(${parent}, ${JSON.stringify(name)}, { features: ${lit(ctx.inputs[0]!.shape.at(-1)!)}, eps: ${arg.num(ctx.args.eps)}${arg.bool(ctx.args.affine) ? "" : ", affine: false"} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};

/** Instance normalization over each image's spatial axes (style transfer, CycleGAN). */
export const instancenorm: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "instancenorm",
  category: "normalization",
  doc:
    "Instance normalization (Ulyanov et al. 2016) over H and W of each example and channel, as torch.nn.InstanceNorm2d. " +
    "PyTorch's default `affine=false` has no parameters (CycleGAN's setting); `affine=true` adds `gamma, beta: [C]`. No running statistics.",
  args: [
    { name: "affine", type: "bool", default: "false", doc: "Learn a per-channel scale and shift." },
    { name: "eps", type: "float", default: "1e-5", doc: "Added to the variance for stability." },
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
    // The statistics are over H × W of one example: a single element has no variance (PyTorch
    // raises "Expected more than 1 spatial element when training").
    const spatial = constValue(mul(x.shape[1]!, x.shape[2]!));
    if (spatial === 1) {
      return ctx.fail("invalidArgument", `${ctx.site} normalizes over H × W of each image, but ${formatShape(x.shape)} has one spatial element: it needs more than one (use batchnorm or layernorm)`);
    }
    return { shape: x.shape, dtype: "f32" };
  },
  weights(args, inputs) {
    const c = inputs[0]!.shape[3]!;
    return arg.bool(args.affine)
      ? [
          { name: "gamma", shape: [c], trainable: true },
          { name: "beta", shape: [c], trainable: true },
        ]
      : [];
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.InstanceNorm(${parent}, ${JSON.stringify(name)}, { features: ${lit(ctx.inputs[0]!.shape[3]!)}, affine: ${arg.bool(ctx.args.affine)}, eps: ${arg.num(ctx.args.eps)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};
