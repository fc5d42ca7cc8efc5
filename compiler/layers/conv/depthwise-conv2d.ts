import { secondOrder } from "../../registry/second-order.js";
import { dim, mul, type Dim } from "../../shapes/dim.js";
import type { Args, RegistryEntry, ShapeContext, TensorShape } from "../../registry/types.js";
import { arg, lit, pairLit, paddingLit, requireRank } from "../helpers.js";
import { outputSize, requirePositive } from "./conv-arithmetic.js";

const windowArgs: RegistryEntry["args"] = [
  { name: "kernel", type: "pair", default: "3", doc: "Window size: `k` or `[kh, kw]`." },
  { name: "stride", type: "pair", default: "1", doc: "Step between windows." },
  { name: "padding", type: "padding", default: "valid", doc: "`valid`, `same`, `p`, `[ph, pw]` or `[[top, bottom], [left, right]]`." },
  { name: "dilation", type: "pair", default: "1", doc: "Spacing between kernel taps." },
];

/** Output shape of a per-channel window over `[B, H, W, C]` with `channels` outputs. */
function windowShape(ctx: ShapeContext, channels: (c: Dim) => Dim): TensorShape | undefined {
  const x = ctx.inputs[0]!;
  if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
  const [b, h, w, c] = x.shape as [Dim, Dim, Dim, Dim];
  const kernel = arg.pair(ctx.args.kernel);
  const stride = arg.pair(ctx.args.stride);
  const dilation = arg.pair(ctx.args.dilation);
  if (![...kernel, ...stride, ...dilation].every((v) => requirePositive(ctx, "kernel, stride and dilation", v))) return undefined;
  const padding = arg.padding(ctx.args.padding);
  const oh = outputSize(ctx, "H", h, kernel[0], stride[0], dilation[0], padding, 0);
  const ow = oh && outputSize(ctx, "W", w, kernel[1], stride[1], dilation[1], padding, 1);
  if (!oh || !ow) return undefined;
  return { shape: [b, oh, ow, channels(c)], dtype: "f32" };
}

/** The window options of the runtime layers, as TS object members. */
function windowLit(a: Args): string {
  return `kernel: ${pairLit(arg.pair(a.kernel))}, stride: ${pairLit(arg.pair(a.stride))}, padding: ${paddingLit(arg.padding(a.padding))}, dilation: ${pairLit(arg.pair(a.dilation))}`;
}

/** Depthwise convolution: each input channel convolved with its own `multiplier` filters. */
export const depthwiseConv2d: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: secondOrder.depthwise,
  name: "depthwise_conv2d",
  category: "conv",
  doc:
    "Depthwise convolution over `[B, H, W, C]`: every channel gets its own `multiplier` filters, " +
    "as torch.nn.Conv2d(C, C·multiplier, k, groups=C). Output `[B, H', W', C·multiplier]`. " +
    "Weights `kernel: [kh, kw, C, multiplier]`, `bias: [C·multiplier]`.",
  args: [
    ...windowArgs,
    { name: "multiplier", type: "int", default: "1", doc: "Filters per input channel." },
    { name: "bias", type: "bool", default: "true", doc: "Add a learned bias per output channel (PyTorch's default)." },
  ],
  inputs: { min: 1, max: 1 },
  shape: (ctx) => (requirePositive(ctx, "multiplier", arg.dim(ctx.args.multiplier)) ? windowShape(ctx, (c) => mul(c, arg.dim(ctx.args.multiplier))) : undefined),
  weights(args, inputs) {
    const c = inputs[0]!.shape[3]!;
    const [kh, kw] = arg.pair(args.kernel);
    const m = arg.dim(args.multiplier);
    const kernel = { name: "kernel", shape: [kh, kw, c, m], trainable: true };
    return arg.bool(args.bias) ? [kernel, { name: "bias", shape: [mul(c, m)], trainable: true }] : [kernel];
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.DepthwiseConv2D(${parent}, ${JSON.stringify(name)}, { inChannels: ${lit(ctx.inputs[0]!.shape[3]!)}, multiplier: ${lit(arg.dim(ctx.args.multiplier))}, ` +
    `${windowLit(ctx.args)}, bias: ${arg.bool(ctx.args.bias)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};

/** Depthwise-separable convolution: depthwise (no bias) then a 1×1 pointwise convolution. */
export const separableConv2d: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: secondOrder.depthwise,
  name: "separable_conv2d",
  category: "conv",
  doc:
    "Depthwise-separable convolution (Chollet 2017, MobileNet): a depthwise `k×k` convolution per channel " +
    "(without bias) followed by a pointwise 1×1 convolution to `filters` channels (with `bias`). " +
    "Weights `depthwise: [kh, kw, C, multiplier]`, `pointwise: [1, 1, C·multiplier, filters]`, `bias: [filters]`; " +
    "parameters `kh·kw·C·m + C·m·filters + filters`, against `kh·kw·C·filters + filters` for a full convolution.",
  args: [
    { name: "filters", type: "int", doc: "Output channels." },
    ...windowArgs,
    { name: "multiplier", type: "int", default: "1", doc: "Depthwise filters per input channel." },
    { name: "bias", type: "bool", default: "true", doc: "Add a learned bias after the pointwise convolution." },
  ],
  inputs: { min: 1, max: 1 },
  shape: (ctx) =>
    requirePositive(ctx, "filters", arg.dim(ctx.args.filters)) && requirePositive(ctx, "multiplier", arg.dim(ctx.args.multiplier))
      ? windowShape(ctx, () => arg.dim(ctx.args.filters))
      : undefined,
  weights(args, inputs) {
    const c = inputs[0]!.shape[3]!;
    const [kh, kw] = arg.pair(args.kernel);
    const m = arg.dim(args.multiplier);
    const f = arg.dim(args.filters);
    const w = [
      { name: "depthwise", shape: [kh, kw, c, m], trainable: true },
      { name: "pointwise", shape: [dim(1), dim(1), mul(c, m), f], trainable: true },
    ];
    return arg.bool(args.bias) ? [...w, { name: "bias", shape: [f], trainable: true }] : w;
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.SeparableConv2D(${parent}, ${JSON.stringify(name)}, { inChannels: ${lit(ctx.inputs[0]!.shape[3]!)}, filters: ${lit(arg.dim(ctx.args.filters))}, ` +
    `multiplier: ${lit(arg.dim(ctx.args.multiplier))}, ${windowLit(ctx.args)}, bias: ${arg.bool(ctx.args.bias)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};
