import { constValue, divides, floorDiv, format, formatShape, product, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry } from "../../registry/types.js";
import { arg, lit } from "../helpers.js";

/** Reshapes the features of each example; one target axis may be -1 (inferred). */
export const reshape: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "reshape",
  category: "reshape",
  doc: "Reshapes `[B, ...]` to `[B, ...shape]`; the element count per example must stay the same. One axis of `shape` may be `-1` and is inferred. No weights.",
  args: [{ name: "shape", type: "ints", min: -1, doc: "Target shape without the batch axis, e.g. `[7, 7, 64]`." }],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    const target = arg.dims(ctx.args.shape);
    const size = product(x.shape.slice(1));
    const inferred = target.findIndex((d) => constValue(d) === -1);
    if (target.some((d) => constValue(d) === 0)) return ctx.fail("nonPositiveDimension", `${ctx.site}: every target size must be positive (or -1 for the one inferred axis)`);
    if (target.filter((d) => constValue(d) === -1).length > 1) return ctx.fail("reshapeSize", `${ctx.site}: only one axis may be -1`);
    // PyTorch's `x.view(B, 784)` names the batch; DL keeps it first on its own.
    const batch = x.shape[0];
    const named = target.findIndex((d) => d.k === "sym" && batch?.k === "sym" && d.name === batch.name);
    if (named >= 0) {
      const rest = target.filter((_, i) => i !== named);
      return ctx.fail(
        "reshapeSize",
        `${ctx.site}: the target shape excludes the batch axis, which stays first on its own; with ${format(target[named]!)} in it each example would hold ${format(target[named]!)} times more values; write reshape([${rest.map((d) => format(d)).join(", ")}])`,
      );
    }
    if (inferred >= 0) {
      const known = product(target.filter((_, i) => i !== inferred));
      // PyTorch's `x.view(-1, 784)`: the -1 stands for the batch there, but here it infers 1.
      if (inferred === 0 && target.length > 1 && constValue(size) !== undefined && constValue(size) === constValue(known)) {
        return ctx.fail(
          "reshapeSize",
          `${ctx.site}: the target shape excludes the batch axis, which stays first on its own, so this -1 infers 1 and gives [B, 1, ${target.slice(1).map((d) => format(d)).join(", ")}]; write reshape([${target.slice(1).map((d) => format(d)).join(", ")}])`,
        );
      }
      if (divides(size, known) === false) {
        return ctx.fail(
          "reshapeSize",
          `${ctx.site} cannot infer the -1 axis: ${formatShape(x.shape.slice(1))} holds ${format(size)} elements per example, which ${format(known)} does not divide (${format(size)} / ${format(known)} is not an integer)`,
        );
      }
      const shape = [...target];
      shape[inferred] = floorDiv(size, known);
      return { shape: [x.shape[0]!, ...shape], dtype: x.dtype };
    }
    const wanted = product(target);
    const s = constValue(size);
    const w = constValue(wanted);
    // Symbolic sizes cannot be compared reliably, so only constant mismatches are errors.
    if (s !== undefined && w !== undefined && s !== w) {
      return ctx.fail(
        "reshapeSize",
        `${ctx.site} cannot reshape ${formatShape(x.shape)} to [B, ${target.map((d) => format(d)).join(", ")}]: ` +
          `${format(size)} elements per example, but the target holds ${target.map((d) => format(d)).join(" × ")} = ${format(wanted)}`,
      );
    }
    return { shape: [x.shape[0]!, ...(target as Dim[])], dtype: x.dtype };
  },
  apply: (ctx, [x]) => `dl.ops.reshape(${x}, [${ctx.output.shape.slice(1).map(lit).join(", ")}])`,
};
