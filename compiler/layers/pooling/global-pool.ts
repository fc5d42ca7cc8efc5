import { secondOrder } from "../../registry/second-order.js";
import { constValue, format, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, pairLit, requireRank } from "../helpers.js";
import { requirePositive } from "../conv/conv-arithmetic.js";

/** Global pooling: one value per channel, `[B, H, W, C]` → `[B, C]`. */
function globalPool(name: string, op: string, what: string): RegistryEntry {
  return {
    kind: "layer",
    twiceDifferentiable: name === "global_maxpool" ? secondOrder.maximum : true,
    name,
    category: "pooling",
    doc:
      `Global ${what} pooling: \`[B, H, W, C]\` → \`[B, C]\`, the ${what} over every position of each channel ` +
      "(torch.nn.AdaptiveAvgPool2d(1) followed by flatten). No weights.",
    args: [],
    inputs: { min: 1, max: 1 },
    shape(ctx) {
      const x = ctx.inputs[0]!;
      if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
      return { shape: [x.shape[0]!, x.shape[3]!], dtype: x.dtype };
    },
    apply: (_ctx, [x]) => `dl.ops.${op}(${x})`,
  };
}

export const globalAvgpool = globalPool("global_avgpool", "globalAvgPool", "average");
export const globalMaxpool = globalPool("global_maxpool", "globalMaxPool", "maximum");

/** Adaptive average pooling to a fixed output size, as torch.nn.AdaptiveAvgPool2d. */
export const adaptiveAvgpool: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "adaptive_avgpool",
  category: "pooling",
  doc:
    "Adaptive average pooling (torch.nn.AdaptiveAvgPool2d): `[B, H, W, C]` → `[B, oh, ow, C]` whatever H and W are; " +
    "output cell `i` averages rows `floor(i·H/oh)` to `ceil((i+1)·H/oh)`. torchvision's AlexNet and VGG use it before the classifier. No weights.",
  args: [{ name: "size", type: "pair", doc: "Output size: `s` or `[oh, ow]`." }],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
    const size = arg.pair(ctx.args.size);
    if (!size.every((v) => requirePositive(ctx, "size", v))) return undefined;
    for (const [i, d] of [x.shape[1]!, x.shape[2]!].entries()) {
      const n = constValue(d);
      if (n !== undefined && n === 0) return ctx.fail("nonPositiveDimension", `${ctx.site}: the input has ${format(d)} ${i ? "columns" : "rows"}`);
    }
    return { shape: [x.shape[0]!, size[0], size[1], x.shape[3]!] as Dim[], dtype: x.dtype };
  },
  apply: (ctx, [x]) => `dl.ops.adaptiveAvgPool(${x}, ${pairLit(arg.pair(ctx.args.size))})`,
};

