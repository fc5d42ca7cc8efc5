import { add, constValue, dim, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, pairLit, requireRank } from "../helpers.js";

/**
 * Pads height and width by mirroring the border (torch.nn.ReflectionPad2d), as CycleGAN's ResNet
 * generator does before its 7×7 and 3×3 convolutions. Each pad must be smaller than the side.
 */
export const reflectionPad: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "reflection_pad",
  category: "reshape",
  doc:
    "Pads `[B, H, W, C]` by reflecting the border without repeating it (torch.nn.ReflectionPad2d): `reflection_pad(p)`, " +
    "`reflection_pad([ph, pw])` or `reflection_pad([[top, bottom], [left, right]])`; each pad must be less than the side. No weights.",
  args: [{ name: "padding", type: "padding", doc: "Rows and columns to add: `p`, `[ph, pw]` or `[[top, bottom], [left, right]]`." }],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!requireRank(ctx, x, 4, "[B, H, W, C]")) return undefined;
    const p = arg.padding(ctx.args.padding);
    if (p.kind !== "explicit") return ctx.fail("invalidArgument", `${ctx.site}: padding must be numbers of rows and columns, not ${p.kind}`);
    for (const [axis, side] of [[0, x.shape[1]!], [1, x.shape[2]!]] as [0 | 1, Dim][]) {
      const n = constValue(side);
      for (const pad of p.pads[axis]) {
        const v = constValue(pad);
        if (v !== undefined && (v < 0 || (n !== undefined && v >= n))) {
          return ctx.fail("invalidArgument", `${ctx.site}: a reflection pad of ${v} needs a side longer than ${v}, but ${axis ? "W" : "H"} is ${n}`);
        }
      }
    }
    const [[t, b], [l, r]] = p.pads;
    return { shape: [x.shape[0]!, add(x.shape[1]!, add(t, b)), add(x.shape[2]!, add(l, r)), x.shape[3]!], dtype: x.dtype };
  },
  apply: (ctx, [x]) => {
    const p = arg.padding(ctx.args.padding);
    const pads = p.kind === "explicit" ? p.pads : [[dim(0), dim(0)], [dim(0), dim(0)]];
    return `dl.reflectionPad(${x}, [${pairLit(pads[0] as [Dim, Dim])}, ${pairLit(pads[1] as [Dim, Dim])}])`;
  },
};
