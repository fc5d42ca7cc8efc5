import { secondOrder } from "../../registry/second-order.js";
import { constValue, type Dim } from "../../shapes/dim.js";
import type { Padding, RegistryEntry, ShapeContext } from "../../registry/types.js";
import { arg, lit, requireRank, SymbolicDimensionError } from "../helpers.js";
import { requirePositive } from "../conv/conv-arithmetic.js";
import { checkPoolPadding, pooledSize } from "./pool-arithmetic.js";

/**
 * One-dimensional padding (`valid`, `same` or one number for both ends) as the 2-D padding the
 * shared arithmetic reads along its first axis; reports a list.
 */
export function padding1d(ctx: ShapeContext, p: Padding): Padding | undefined {
  if (p.kind !== "explicit") return p;
  const sides = p.pads.flat();
  const values = sides.map(constValue);
  if (values.every((v) => v !== undefined) && !values.every((v) => v === values[0])) {
    return ctx.fail("invalidArgument", `${ctx.site}: padding of a sequence is valid, same or one number p (added at both ends)`);
  }
  return { kind: "explicit", pads: [p.pads[0], p.pads[0]] };
}

/** The runtime's 1-D padding: `"same"`, `"valid"` or the number. */
export function padding1dLit(p: Padding): string {
  if (p.kind !== "explicit") return JSON.stringify(p.kind);
  const v = constValue(p.pads[0][0]);
  if (v === undefined) throw new SymbolicDimensionError("code generation needs constant padding");
  return String(v);
}

/** Max and average pooling over sequences `[B, T, C]`. */
function pool1d(name: "maxpool1d" | "avgpool1d", op: "maxPool1d" | "avgPool1d", what: string): RegistryEntry {
  return {
    kind: "layer",
    twiceDifferentiable: name === "maxpool1d" ? secondOrder.maxPooling : true,
    name,
    category: "pooling",
    doc:
      `${what} pooling over the time axis of sequences \`[B, T, C]\`, as torch.nn.${what === "Max" ? "MaxPool1d" : "AvgPool1d"} (on channels-last data). ` +
      "Output `[B, floor((T + 2p − size) / stride) + 1, C]`, rounded up with `ceil_mode=true`. `stride` defaults to `size`. No weights.",
    args: [
      { name: "size", type: "int", default: "2", doc: "Window length." },
      { name: "stride", type: "int", default: "size", doc: "Step between windows; defaults to the window length." },
      { name: "padding", type: "padding", default: "valid", doc: "`valid`, `same`, or `p` at both ends (at most half the window)." },
      { name: "ceil_mode", type: "bool", default: "false", doc: "Round the output length up instead of down (PyTorch's `ceil_mode`)." },
    ],
    inputs: { min: 1, max: 1 },
    shape(ctx) {
      const x = ctx.inputs[0]!;
      if (!requireRank(ctx, x, 3, "a sequence [B, T, C]", x.shape.length === 4 ? `: use ${name.slice(0, -2)} for images` : "")) return undefined;
      const [b, t, c] = x.shape as [Dim, Dim, Dim];
      const size = arg.dim(ctx.args.size);
      const stride = arg.dim(ctx.args.stride);
      if (!requirePositive(ctx, "size", size) || !requirePositive(ctx, "stride", stride)) return undefined;
      const padding = padding1d(ctx, arg.padding(ctx.args.padding));
      if (!padding) return undefined;
      const ceilMode = arg.bool(ctx.args.ceil_mode);
      if (!checkPoolPadding(ctx, padding, [size], ceilMode)) return undefined;
      const ot = pooledSize(ctx, "T", t, size, stride, padding, 0, ceilMode);
      if (!ot) return undefined;
      return { shape: [b, ot, c], dtype: x.dtype };
    },
    apply: (ctx, [x]) => {
      const ceil = arg.bool(ctx.args.ceil_mode) ? ", ceilMode: true" : "";
      return `dl.ops.${op}(${x}, { size: ${lit(arg.dim(ctx.args.size))}, stride: ${lit(arg.dim(ctx.args.stride))}, padding: ${padding1dLit(arg.padding(ctx.args.padding))}${ceil} })`;
    },
  };
}

export const maxpool1d = pool1d("maxpool1d", "maxPool1d", "Max");
export const avgpool1d = pool1d("avgpool1d", "avgPool1d", "Average");
