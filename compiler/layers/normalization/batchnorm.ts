import { formatShape } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit } from "../helpers.js";

/** Batch normalization over every axis but the last (channels). */
export const batchnorm: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "batchnorm",
  category: "normalization",
  doc:
    "Batch normalization (Ioffe & Szegedy 2015) over all axes but the last. Trainable `gamma`, `beta: [C]`; " +
    "running mean and variance `[C]` are state, not trainable (PyTorch counts 2·C parameters). `affine=false` drops `gamma` and `beta` " +
    "(no parameters; the running statistics stay), as torch.nn.BatchNorm2d(C, affine=False).",
  args: [
    { name: "momentum", type: "float", default: "0.1", doc: "Weight of the batch statistics in the running averages (PyTorch convention)." },
    { name: "eps", type: "float", default: "1e-5", doc: "Added to the variance for stability." },
    { name: "affine", type: "bool", default: "true", doc: "Learn a per-channel scale `gamma` and shift `beta`." },
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (x.shape.length < 2) return ctx.fail("rankMismatch", `${ctx.site} expects [B, ..., C] but got ${formatShape(x.shape)}`);
    return { shape: x.shape, dtype: "f32" };
  },
  weights(args, inputs) {
    const c = inputs[0]!.shape.at(-1)!;
    const affine = arg.bool(args.affine);
    return [
      ...(affine
        ? [
            { name: "gamma", shape: [c], trainable: true },
            { name: "beta", shape: [c], trainable: true },
          ]
        : []),
      { name: "runningMean", shape: [c], trainable: false },
      { name: "runningVar", shape: [c], trainable: false },
    ];
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.BatchNorm(${parent}, ${JSON.stringify(name)}, { features: ${lit(ctx.inputs[0]!.shape.at(-1)!)}, momentum: ${arg.num(ctx.args.momentum)}, eps: ${arg.num(ctx.args.eps)}${arg.bool(ctx.args.affine) ? "" : ", affine: false"} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x}, ${ctx.training})`,
};
