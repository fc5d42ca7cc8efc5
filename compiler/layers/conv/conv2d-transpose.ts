import { add, mul, sub, dim, constValue, format, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit, pairLit, requireRank } from "../helpers.js";
import { requirePositive } from "./conv-arithmetic.js";
import { initArgs, initOptions } from "../initializers.js";

/**
 * Transposed ("up-") convolution over NHWC images, as torch.nn.ConvTranspose2d. U-Net's 2×2
 * up-convolutions and DCGAN generators use it.
 */
export const conv2dTranspose: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "conv2d_transpose",
  category: "conv",
  doc:
    "Transposed convolution (torch.nn.ConvTranspose2d) over `[B, H, W, C]`. Output `[B, H', W', filters]` with " +
    "`H' = (H − 1)·stride − 2·padding + kernel + output_padding` (or `H·stride` for `padding=same`). " +
    "Weights `kernel: [kh, kw, filters, C]`, `bias: [filters]` (PyTorch's count: C·filters·kh·kw + filters).",
  args: [
    { name: "filters", type: "int", doc: "Output channels." },
    { name: "kernel", type: "pair", default: "2", doc: "Window size: `k` or `[kh, kw]`." },
    { name: "stride", type: "pair", default: "1", doc: "Upsampling factor." },
    { name: "padding", type: "padding", default: "valid", doc: "`valid` (0), `same` (output = input·stride), or an int `p` cropped from each side as PyTorch's `padding=p`." },
    { name: "output_padding", type: "int", default: "0", min: 0, doc: "Extra rows and columns added at the bottom and right (PyTorch's `output_padding`)." },
    { name: "bias", type: "bool", default: "true", doc: "Add a learned bias per filter." },
    ...initArgs(),
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
    const [b, h, w] = x.shape as [Dim, Dim, Dim, Dim];
    const a = ctx.args;
    const kernel = arg.pair(a.kernel);
    const stride = arg.pair(a.stride);
    const filters = arg.dim(a.filters);
    if (![filters, ...kernel, ...stride].every((v) => requirePositive(ctx, "filters, kernel and stride", v))) return undefined;
    const padding = arg.padding(a.padding);
    const extra = arg.dim(a.output_padding);
    // As PyTorch's ConvTranspose2d: output padding picks one of the `stride` sizes that a strided
    // convolution maps to the same size, so it must be smaller than the stride on each axis.
    const e = constValue(extra);
    const smallest = Math.min(...stride.map((s) => constValue(s) ?? Infinity));
    if (e !== undefined && e >= smallest) {
      return ctx.fail(
        "invalidArgument",
        `${ctx.site}: output_padding must be smaller than the stride on each axis (stride ${stride.map((s) => format(s)).join("×")}), but it is ${e}`,
      );
    }
    const size = (n: Dim, i: 0 | 1): Dim | undefined => {
      if (padding.kind === "same") return mul(n, stride[i]);
      const pads = padding.kind === "explicit" ? add(padding.pads[i][0], padding.pads[i][1]) : dim(0);
      const out = add(sub(add(mul(sub(n, dim(1)), stride[i]), kernel[i]), pads), extra);
      const v = constValue(out);
      if (v !== undefined && v <= 0) {
        ctx.fail("nonPositiveDimension", `${ctx.site} maps ${i ? "W" : "H"} ${format(n)} → ${v}: the padding removes more than the transposed convolution adds`);
        return undefined;
      }
      return out;
    };
    const oh = size(h, 0);
    const ow = oh && size(w, 1);
    if (!oh || !ow) return undefined;
    return { shape: [b, oh, ow, filters], dtype: "f32" };
  },
  weights(args, inputs) {
    const c = inputs[0]!.shape[3]!;
    const [kh, kw] = arg.pair(args.kernel);
    const filters = arg.dim(args.filters);
    const kernel = { name: "kernel", shape: [kh, kw, filters, c], trainable: true };
    return arg.bool(args.bias) ? [kernel, { name: "bias", shape: [filters], trainable: true }] : [kernel];
  },
  construct(ctx, parent, name) {
    const a = ctx.args;
    const p = arg.padding(a.padding);
    const padding = p.kind === "explicit" ? `[${pairLit(p.pads[0])}, ${pairLit(p.pads[1])}]` : JSON.stringify(p.kind);
    return (
      `new dl.layers.Conv2DTranspose(${parent}, ${JSON.stringify(name)}, { inChannels: ${lit(ctx.inputs[0]!.shape[3]!)}, filters: ${lit(arg.dim(a.filters))}, ` +
      `kernel: ${pairLit(arg.pair(a.kernel))}, stride: ${pairLit(arg.pair(a.stride))}, padding: ${padding}, outputPadding: ${lit(arg.dim(a.output_padding))}, bias: ${arg.bool(a.bias)}${initOptions(a)} })`
    );
  },
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};
