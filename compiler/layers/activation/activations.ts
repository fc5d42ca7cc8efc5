import type { RegistryEntry } from "../../registry/types.js";
import { arg, normalizeAxis } from "../helpers.js";

/** An elementwise activation: same shape out as in, no weights (shared by every activation file). */
export function activation(
  name: string,
  doc: string,
  call: (x: string, args: Record<string, unknown>) => string,
  args: RegistryEntry["args"] = [],
  range?: RegistryEntry["range"],
): RegistryEntry {
  return {
    ...(range ? { range } : {}),
    kind: "layer",
    twiceDifferentiable: true,
    name,
    category: "activation",
    doc: `${doc} Elementwise; output shape equals input shape. No weights.`,
    args,
    inputs: { min: 1, max: 1 },
    shape: (ctx) => ({ shape: ctx.inputs[0]!.shape, dtype: "f32" }),
    apply: (ctx, [x]) => call(x!, ctx.args),
  };
}

export const relu = activation("relu", "Rectified linear unit `max(0, x)`.", (x) => `dl.ops.relu(${x})`, [], "unbounded");
export const tanh = activation("tanh", "Hyperbolic tangent, in (−1, 1).", (x) => `dl.ops.tanh(${x})`, [], "unbounded");
export const sigmoid = activation("sigmoid", "Logistic sigmoid `1 / (1 + e^−x)`, in (0, 1).", (x) => `dl.ops.sigmoid(${x})`, [], "probabilities");
export const leakyRelu = activation(
  "leaky_relu",
  "Leaky ReLU: `x` for x > 0, else `alpha·x`.",
  (x, a) => `dl.ops.leakyRelu(${x}, ${arg.num(a.alpha as number)})`,
  [{ name: "alpha", type: "float", default: "0.01", doc: "Slope for negative inputs." }],
  "unbounded",
);

/** Softmax over one axis (the last by default). */
export const softmax: RegistryEntry = {
  range: "probabilities",
  kind: "layer",
  twiceDifferentiable: true,
  name: "softmax",
  category: "activation",
  doc: "Softmax over `axis` (default the last): outputs are positive and sum to 1. No weights. Losses such as `cross_entropy` take logits, so a classifier usually ends without it.",
  args: [{ name: "axis", type: "axis", default: "-1", doc: "Axis to normalize over." }],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    const axis = normalizeAxis(arg.num(ctx.args.axis), x.shape.length);
    if (axis === undefined) {
      return ctx.fail("invalidArgument", `${ctx.site}: axis ${arg.num(ctx.args.axis)} is out of range for a rank-${x.shape.length} tensor`);
    }
    // Over the batch axis each example's scores would depend on the other examples of its batch.
    const first = x.shape[0];
    if (axis === 0 && x.shape.length > 1 && first?.k === "sym" && first.name === "B") {
      return ctx.fail(
        "invalidArgument",
        `${ctx.site}: axis ${arg.num(ctx.args.axis)} is the batch axis; a softmax over it makes each example's outputs depend on the rest of its batch; normalize over the class axis (the last, softmax's default: softmax(axis=-1))`,
      );
    }
    return { shape: x.shape, dtype: "f32" };
  },
  apply: (ctx, [x]) => `dl.ops.softmax(${x}, ${arg.num(ctx.args.axis)})`,
};
