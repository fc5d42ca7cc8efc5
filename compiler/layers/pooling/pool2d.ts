import { secondOrder } from "../../registry/second-order.js";
import type { Dim } from "../../shapes/dim.js";
import type { Padding, RegistryEntry } from "../../registry/types.js";
import { arg, pairLit, requireRank, SymbolicDimensionError } from "../helpers.js";
import { requirePositive } from "../conv/conv-arithmetic.js";
import { axisPads, checkPoolPadding, pooledSize } from "./pool-arithmetic.js";

/** Max and average pooling share everything but the reduction. */
function pool2d(name: "maxpool" | "avgpool", op: "maxPool" | "avgPool", what: string): RegistryEntry {
  return {
    kind: "layer",
    twiceDifferentiable: name === "maxpool" ? secondOrder.maxPooling : true,
    name,
    category: "pooling",
    doc:
      `${what} pooling over \`[B, H, W, C]\` windows, as torch.nn.${what === "Max" ? "MaxPool2d" : "AvgPool2d"}. \`stride\` defaults to \`size\` (non-overlapping); ` +
      "a stride smaller than the size gives AlexNet's overlapping pooling. Output `floor((H + 2p − size) / stride) + 1`, " +
      `or with \`ceil_mode=true\` rounded up (the last window may run past the input, as long as it starts inside${what === "Max" ? "" : "; the overhang does not count in the average"}). No weights.`,
    args: [
      { name: "size", type: "pair", default: "2", doc: "Window size: `k` or `[kh, kw]`." },
      { name: "stride", type: "pair", default: "size", doc: "Step between windows; defaults to the window size." },
      { name: "padding", type: "padding", default: "valid", doc: "`valid`, `same`, or `p` / `[ph, pw]` on both sides (at most half the window)." },
      { name: "ceil_mode", type: "bool", default: "false", doc: "Round the output size up instead of down (PyTorch's `ceil_mode`)." },
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
      const ceilMode = arg.bool(ctx.args.ceil_mode);
      if (!checkPoolPadding(ctx, padding, size, ceilMode)) return undefined;
      const oh = pooledSize(ctx, "H", h, size[0], stride[0], padding, 0, ceilMode);
      if (!oh) return undefined;
      const ow = pooledSize(ctx, "W", w, size[1], stride[1], padding, 1, ceilMode);
      if (!ow) return undefined;
      return { shape: [b, oh, ow, c], dtype: x.dtype };
    },
    apply: (ctx, [x]) => {
      const ceil = arg.bool(ctx.args.ceil_mode) ? ", ceilMode: true" : "";
      return `dl.ops.${op}(${x}, { size: ${pairLit(arg.pair(ctx.args.size))}, stride: ${pairLit(arg.pair(ctx.args.stride))}, padding: ${poolPadLit(arg.padding(ctx.args.padding))}${ceil} })`;
    },
  };
}

/** `"same"`, `"valid"`, one number, or `[ph, pw]` when the axes differ: what the runtime's pools take. */
function poolPadLit(p: Padding): string {
  if (p.kind !== "explicit") return JSON.stringify(p.kind);
  const pads = axisPads(p, 2);
  if (!pads) throw new SymbolicDimensionError("code generation needs constant pooling padding");
  return pads[0] === pads[1] ? String(pads[0]) : `[${pads[0]}, ${pads[1]}]`;
}

export const maxpool = pool2d("maxpool", "maxPool", "Max");
export const avgpool = pool2d("avgpool", "avgPool", "Average");
