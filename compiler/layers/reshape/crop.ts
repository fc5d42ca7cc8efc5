import { secondOrder } from "../../registry/second-order.js";
import { add, constValue, floorDiv, format, formatShape, mul, sub, dim, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { requirePositive } from "../conv/conv-arithmetic.js";
import { arg, lit, pairLit, requireRank } from "../helpers.js";

const spatial = (p: ReturnType<typeof arg.padding>): [[Dim, Dim], [Dim, Dim]] | undefined => (p.kind === "explicit" ? p.pads : undefined);

/** Center-crops the first input to the height and width of the second (U-Net's crop-and-concat). */
export const cropTo: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "crop_to",
  category: "reshape",
  doc:
    "Center-crops `x: [B, H, W, C]` to the height and width of `like: [B, h, w, D]` (U-Net's crop before concatenation): " +
    "removes `floor((H − h) / 2)` rows on top and the rest at the bottom, likewise for columns. Output `[B, h, w, C]`. No weights.",
  args: [],
  inputs: { min: 2, max: 2 },
  integerInputs: "all",
  shape(ctx) {
    const [x, like] = ctx.inputs as [typeof ctx.inputs[0], typeof ctx.inputs[0]];
    if (!requireRank(ctx, x!, 4, "[B, H, W, C]") || !requireRank(ctx, like!, 4, "[B, H, W, C] as its second input")) return undefined;
    for (const i of [1, 2]) {
      const big = constValue(x!.shape[i]!);
      const small = constValue(like!.shape[i]!);
      if (big !== undefined && small !== undefined && small > big) {
        return ctx.fail(
          "dimensionMismatch",
          `${ctx.site} cannot crop ${formatShape(x!.shape)} to the ${i === 1 ? "height" : "width"} ${small} of ${formatShape(like!.shape)}: it is only ${big}`,
        );
      }
    }
    return { shape: [x!.shape[0]!, like!.shape[1]!, like!.shape[2]!, x!.shape[3]!], dtype: x!.dtype };
  },
  apply(ctx, [x]) {
    const [, h, w] = ctx.inputs[0]!.shape;
    const [, oh, ow] = ctx.output.shape;
    const top = floorDiv(sub(h!, oh!), dim(2));
    const left = floorDiv(sub(w!, ow!), dim(2));
    return `dl.ops.crop(${x}, [[${lit(top)}, ${lit(sub(sub(h!, oh!), top))}], [${lit(left)}, ${lit(sub(sub(w!, ow!), left))}]])`;
  },
};

/** Removes rows and columns at the borders. */
export const crop: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "crop",
  category: "reshape",
  doc: "Removes rows and columns at the borders of `[B, H, W, C]`: `crop(p)`, `crop([ph, pw])` or `crop([[top, bottom], [left, right]])`. No weights.",
  args: [{ name: "cropping", type: "padding", doc: "Rows and columns to remove: `p`, `[ph, pw]` or `[[top, bottom], [left, right]]`." }],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
    const pads = spatial(arg.padding(ctx.args.cropping));
    if (!pads) return ctx.fail("invalidArgument", `${ctx.site}: cropping must be numbers of rows and columns, not same or valid`);
    const out = [x.shape[0]!, sub(x.shape[1]!, add(...pads[0])), sub(x.shape[2]!, add(...pads[1])), x.shape[3]!];
    for (const i of [1, 2]) {
      const v = constValue(out[i]!);
      if (v !== undefined && v <= 0) return ctx.fail("nonPositiveDimension", `${ctx.site} crops ${format(x.shape[i]!)} ${i === 1 ? "rows" : "columns"} to ${v}`);
    }
    return { shape: out, dtype: x.dtype };
  },
  apply: (ctx, [x]) => {
    const pads = spatial(arg.padding(ctx.args.cropping))!;
    return `dl.ops.crop(${x}, [${pairLit(pads[0])}, ${pairLit(pads[1])}])`;
  },
};

/** Pads height and width with zeros. */
export const zeroPad: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "zero_pad",
  category: "reshape",
  doc: "Pads `[B, H, W, C]` with zeros: `zero_pad(p)`, `zero_pad([ph, pw])` or `zero_pad([[top, bottom], [left, right]])`. No weights.",
  args: [{ name: "padding", type: "padding", doc: "Rows and columns to add: `p`, `[ph, pw]` or `[[top, bottom], [left, right]]`." }],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
    const pads = spatial(arg.padding(ctx.args.padding));
    if (!pads) return ctx.fail("invalidArgument", `${ctx.site}: padding must be numbers of rows and columns, not same or valid`);
    return { shape: [x.shape[0]!, add(x.shape[1]!, add(...pads[0])), add(x.shape[2]!, add(...pads[1])), x.shape[3]!], dtype: x.dtype };
  },
  apply: (ctx, [x]) => {
    const pads = spatial(arg.padding(ctx.args.padding))!;
    return `dl.ops.zeroPad(${x}, [${pairLit(pads[0])}, ${pairLit(pads[1])}])`;
  },
};

/** Nearest-neighbour or bilinear upsampling by an integer factor. */
export const upsample: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: secondOrder.upsample,
  name: "upsample",
  category: "reshape",
  doc:
    "Upsampling by integer factors, as torch.nn.Upsample(scale_factor, mode): `[B, H, W, C]` → `[B, H·s, W·s, C]`. " +
    '`mode="nearest"` repeats pixels; `mode="bilinear"` interpolates, with PyTorch\'s `align_corners` (default false: half-pixel centres). No weights.',
  args: [
    { name: "scale", type: "pair", default: "2", doc: "Integer factor: `s` or `[sh, sw]`." },
    { name: "mode", type: "string", default: '"nearest"', values: ["nearest", "bilinear"], doc: '`"nearest"` or `"bilinear"`.' },
    { name: "align_corners", type: "bool", default: "false", doc: "Bilinear only: corner pixels of input and output align (PyTorch's `align_corners`)." },
  ],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
    const [sh, sw] = arg.pair(ctx.args.scale);
    if (!requirePositive(ctx, "scale", sh) || !requirePositive(ctx, "scale", sw)) return undefined;
    if (ctx.args.mode === "nearest" && arg.bool(ctx.args.align_corners)) {
      return ctx.fail("invalidArgument", `${ctx.site}: align_corners applies to mode="bilinear" only`);
    }
    // Bilinear interpolation makes fractions: integers come out as f32.
    return { shape: [x.shape[0]!, mul(x.shape[1]!, sh), mul(x.shape[2]!, sw), x.shape[3]!], dtype: ctx.args.mode === "bilinear" ? "f32" : x.dtype };
  },
  apply: (ctx, [x]) =>
    ctx.args.mode === "bilinear"
      ? `dl.ops.upsampleBilinear(${x}, ${pairLit(arg.pair(ctx.args.scale))}, ${arg.bool(ctx.args.align_corners)})`
      : `dl.ops.upsample(${x}, ${pairLit(arg.pair(ctx.args.scale))})`,
};
