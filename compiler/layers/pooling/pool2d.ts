import { constValue, type Dim } from "../../shapes/dim.js";
import type { Padding, RegistryEntry } from "../../registry/types.js";
import { arg, pairLit, paddingLit, requireRank } from "../helpers.js";
import { outputSize, requirePositive } from "../conv/conv-arithmetic.js";

/** Max and average pooling share everything but the reduction. */
function pool2d(name: "maxpool" | "avgpool", op: "maxPool" | "avgPool", what: string): RegistryEntry {
  return {
    kind: "layer",
    name,
    category: "pooling",
    doc:
      `${what} pooling over \`[B, H, W, C]\` windows. \`stride\` defaults to \`size\` (non-overlapping); ` +
      "a stride smaller than the size gives AlexNet's overlapping pooling. No weights.",
    args: [
      { name: "size", type: "pair", default: "2", doc: "Window size: `k` or `[kh, kw]`." },
      { name: "stride", type: "pair", default: "size", doc: "Step between windows; defaults to the window size." },
      { name: "padding", type: "padding", default: "valid", doc: "`valid`, `same` or explicit padding." },
    ],
    inputs: { min: 1, max: 1 },
    shape(ctx) {
      const x = ctx.inputs[0]!;
      if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
      const [b, h, w, c] = x.shape as [Dim, Dim, Dim, Dim];
      const size = arg.pair(ctx.args.size);
      const stride = arg.pair(ctx.args.stride);
      if (![...size, ...stride].every((v, i) => requirePositive(ctx, i < 2 ? "size" : "stride", v))) return undefined;
      const padding = arg.padding(ctx.args.padding);
      const sides = padding.kind === "explicit" ? [...padding.pads[0], ...padding.pads[1]].map(constValue) : [];
      const pad = poolPad(padding);
      const half = Math.min(...size.map((d) => Math.floor((constValue(d) ?? Infinity) / 2)));
      if (sides.every((v) => v !== undefined) && sides.length && (pad === undefined || pad > half)) {
        // The runtime pools (tfjs) take one symmetric pad of at most half the window, as PyTorch does.
        return ctx.fail("invalidArgument", `${ctx.site}: pooling padding must be one number p ≤ size / 2 on every side (PyTorch's rule), or same or valid`);
      }
      const one: Dim = { k: "const", v: 1 };
      const oh = outputSize(ctx, "H", h, size[0], stride[0], one, padding, 0);
      if (!oh) return undefined;
      const ow = outputSize(ctx, "W", w, size[1], stride[1], one, padding, 1);
      if (!ow) return undefined;
      return { shape: [b, oh, ow, c], dtype: x.dtype };
    },
    apply: (ctx, [x]) =>
      `dl.ops.${op}(${x}, { size: ${pairLit(arg.pair(ctx.args.size))}, stride: ${pairLit(arg.pair(ctx.args.stride))}, padding: ${poolPadLit(arg.padding(ctx.args.padding))} })`,
  };
}

/** The one symmetric pad of explicit pooling padding, or undefined when the sides differ or are symbolic. */
function poolPad(p: Padding): number | undefined {
  if (p.kind !== "explicit") return undefined;
  const sides = [...p.pads[0], ...p.pads[1]].map(constValue);
  return sides.every((v) => v !== undefined && v === sides[0]) ? sides[0] : undefined;
}

/** `"same"`, `"valid"` or the number the runtime's pools take. */
function poolPadLit(p: Padding): string {
  return p.kind === "explicit" ? String(poolPad(p) ?? paddingLit(p)) : JSON.stringify(p.kind);
}

export const maxpool = pool2d("maxpool", "maxPool", "Max");
export const avgpool = pool2d("avgpool", "avgPool", "Average");
