import { floorDiv, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit, requireRank } from "../helpers.js";
import { padding1d, padding1dLit } from "../pooling/pool1d.js";
import { initArgs, initOptions } from "../initializers.js";
import { checkGroups, outputSize, requirePositive } from "./conv-arithmetic.js";

/** 1-D convolution over channels-last sequences. */
export const conv1d: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "conv1d",
  category: "conv",
  doc:
    "1-D convolution over sequences `[B, T, C]` (channels last), as torch.nn.Conv1d. Output `[B, T', filters]` with " +
    "`T' = ceil(T / stride)` for `padding=same`, else `floor((T + 2p − dilation·(kernel − 1) − 1) / stride) + 1`. " +
    "Weights `kernel: [k, C / groups, filters]`, `bias: [filters]`.",
  args: [
    { name: "filters", type: "int", doc: "Output channels." },
    { name: "kernel", type: "int", default: "3", doc: "Window length." },
    { name: "stride", type: "int", default: "1", doc: "Step between windows." },
    { name: "padding", type: "padding", default: "valid", doc: "`valid` (none), `same` (keep the length at stride 1) or `p` zeros at both ends." },
    { name: "dilation", type: "int", default: "1", doc: "Spacing between kernel taps." },
    { name: "groups", type: "int", default: "1", doc: "Split channels into groups convolved separately (`groups = C` is depthwise)." },
    { name: "bias", type: "bool", default: "true", doc: "Add a learned bias per filter." },
    ...initArgs(),
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 3, "a sequence [B, T, C]", x.shape.length === 4 ? ": use conv2d for images" : x.shape.length === 2 ? ": reshape the features to [T, C] first" : "")) return undefined;
    const [b, t, c] = x.shape as [Dim, Dim, Dim];
    const a = ctx.args;
    const [filters, kernel, stride, dilation, groups] = [a.filters, a.kernel, a.stride, a.dilation, a.groups].map(arg.dim) as [Dim, Dim, Dim, Dim, Dim];
    const names = ["filters", "kernel", "stride", "dilation", "groups"];
    if (![filters, kernel, stride, dilation, groups].every((v, i) => requirePositive(ctx, names[i]!, v))) return undefined;
    if (!checkGroups(ctx, c, filters, groups)) return undefined;
    const padding = padding1d(ctx, arg.padding(a.padding));
    if (!padding) return undefined;
    const ot = outputSize(ctx, "T", t, kernel, stride, dilation, padding, 0);
    if (!ot) return undefined;
    return { shape: [b, ot, filters], dtype: "f32" };
  },
  weights(args, inputs) {
    const c = inputs[0]!.shape[2]!;
    const filters = arg.dim(args.filters);
    const kernel = { name: "kernel", shape: [arg.dim(args.kernel), floorDiv(c, arg.dim(args.groups)), filters], trainable: true };
    return arg.bool(args.bias) ? [kernel, { name: "bias", shape: [filters], trainable: true }] : [kernel];
  },
  construct: (ctx, parent, name) => {
    const a = ctx.args;
    return (
      `new dl.layers.Conv1D(${parent}, ${JSON.stringify(name)}, { inChannels: ${lit(ctx.inputs[0]!.shape[2]!)}, filters: ${lit(arg.dim(a.filters))}, ` +
      `kernel: ${lit(arg.dim(a.kernel))}, stride: ${lit(arg.dim(a.stride))}, padding: ${padding1dLit(arg.padding(a.padding))}, ` +
      `dilation: ${lit(arg.dim(a.dilation))}, groups: ${lit(arg.dim(a.groups))}, bias: ${arg.bool(a.bias)}${initOptions(a)} })`
    );
  },
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};
