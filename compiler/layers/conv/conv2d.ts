import { constValue, floorDiv, format, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit, pairLit, paddingLit, requireRank } from "../helpers.js";
import { initArgs, initOptions } from "../initializers.js";
import { checkGroups, outputSize, requirePositive } from "./conv-arithmetic.js";

/** 2-D convolution over NHWC images. */
export const conv2d: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "conv2d",
  category: "conv",
  doc:
    "2-D convolution over `[B, H, W, C]` images. Output `[B, H', W', filters]` with " +
    "`H' = ceil(H / stride)` for `padding=same`, else `floor((H + pad − dilation·(kernel − 1) − 1) / stride) + 1`. " +
    "Weights `kernel: [kh, kw, C / groups, filters]`, `bias: [filters]`.",
  args: [
    { name: "filters", type: "int", doc: "Output channels." },
    { name: "kernel", type: "pair", default: "3", doc: "Window size: `k` or `[kh, kw]`." },
    { name: "stride", type: "pair", default: "1", doc: "Step between windows." },
    { name: "padding", type: "padding", default: "valid", doc: "`valid` (none), `same` (keep size at stride 1), `p`, `[ph, pw]` or `[[top, bottom], [left, right]]`." },
    { name: "dilation", type: "pair", default: "1", doc: "Spacing between kernel taps." },
    { name: "groups", type: "int", default: "1", doc: "Split channels into groups convolved separately (AlexNet's two towers)." },
    { name: "bias", type: "bool", default: "true", doc: "Add a learned bias per filter." },
    ...initArgs(),
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 4, "[B, H, W, C]", x.shape.length === 2 ? ": reshape the features to an image first" : "")) return undefined;
    const [b, h, w, c] = x.shape as [Dim, Dim, Dim, Dim];
    const a = ctx.args;
    const kernel = arg.pair(a.kernel);
    const stride = arg.pair(a.stride);
    const dilation = arg.pair(a.dilation);
    const filters = arg.dim(a.filters);
    if (![filters, ...kernel, ...stride, ...dilation, arg.dim(a.groups)].every((v, i) => requirePositive(ctx, ["filters", "kernel", "kernel", "stride", "stride", "dilation", "dilation", "groups"][i]!, v))) return undefined;
    if (!checkGroups(ctx, c, filters, arg.dim(a.groups))) return undefined;
    const padding = arg.padding(a.padding);
    // PyTorch's Conv2d(in, out, kernel) order: the input channels land in `filters`, the output
    // channels in `kernel` (a window larger than the image), the kernel size in `stride`.
    const [cv, fv, kv, hv, wv] = [c, filters, kernel[0], h, w].map(constValue);
    // Only for a kernel given by position (`conv2d(1, 32, 3)`): a window too large for a small
    // map deep in a network (`conv2d(16, kernel=5)` on 4×4) is the ordinary mistake.
    // The site must show the call's arguments; and the hint replaces only an error the window gives anyway.
    const positionalKernel = /\(/.test(ctx.site) && !/\bkernel\s*=/.test(ctx.site);
    const sv = constValue(stride[0]);
    const dv = constValue(dilation[0]);
    const doesNotFit = padding.kind === "valid" && kv !== undefined && hv !== undefined && sv !== undefined && dv !== undefined && Math.floor((hv - dv * (kv - 1) - 1) / sv) + 1 <= 0;
    if (positionalKernel && doesNotFit && cv !== undefined && cv === fv && wv !== undefined) {
      return ctx.fail(
        "nonPositiveDimension",
        `${ctx.site} reads as filters=${fv}, kernel=${kv}, stride=${format(stride[0])}: a ${kv}-wide window on a ${format(h)}×${format(w)} image; ` +
          `DL's conv2d takes (filters, kernel, stride) and reads the input channels (${cv}) from the input, so PyTorch's Conv2d(${cv}, ${kv}, ${format(stride[0])}) is conv2d(${kv}, kernel=${format(stride[0])})`,
      );
    }
    const oh = outputSize(ctx, "H", h, kernel[0], stride[0], dilation[0], padding, 0);
    if (!oh) return undefined;
    const ow = outputSize(ctx, "W", w, kernel[1], stride[1], dilation[1], padding, 1);
    if (!ow) return undefined;
    return { shape: [b, oh, ow, filters], dtype: "f32" };
  },
  weights(args, inputs) {
    const c = inputs[0]!.shape[3]!;
    const [kh, kw] = arg.pair(args.kernel);
    const filters = arg.dim(args.filters);
    const kernel = { name: "kernel", shape: [kh, kw, floorDiv(c, arg.dim(args.groups)), filters], trainable: true };
    return arg.bool(args.bias) ? [kernel, { name: "bias", shape: [filters], trainable: true }] : [kernel];
  },
  construct: (ctx, parent, name) => {
    const a = ctx.args;
    return (
      `new dl.layers.Conv2D(${parent}, ${JSON.stringify(name)}, { inChannels: ${lit(ctx.inputs[0]!.shape[3]!)}, filters: ${lit(arg.dim(a.filters))}, ` +
      `kernel: ${pairLit(arg.pair(a.kernel))}, stride: ${pairLit(arg.pair(a.stride))}, padding: ${paddingLit(arg.padding(a.padding))}, ` +
      `dilation: ${pairLit(arg.pair(a.dilation))}, groups: ${lit(arg.dim(a.groups))}, bias: ${arg.bool(a.bias)}${initOptions(a)} })`
    );
  },
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};
