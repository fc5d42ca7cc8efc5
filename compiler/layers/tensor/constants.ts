import type { EmitContext, RegistryEntry } from "../../registry/types.js";
import { arg } from "../helpers.js";

const shapeCode = (ctx: EmitContext) => `[${arg.dims(ctx.args.shape).map(ctx.dim).join(", ")}]`;

function constant(name: string, doc: string, value: (ctx: EmitContext) => string, extra: RegistryEntry["args"] = []): RegistryEntry {
  return {
    kind: "function",
    twiceDifferentiable: true,
    name,
    category: "tensor",
    doc,
    args: [{ name: "shape", type: "ints", doc: "Shape, which may start with the batch size `B`." }, ...extra],
    inputs: { min: 0, max: 0 },
    shape: (ctx) => ({ shape: arg.dims(ctx.args.shape), dtype: "f32" }),
    apply: (ctx) => `dl.ops.full(${shapeCode(ctx)}, ${value(ctx)})`,
  };
}

export const ones = constant("ones", "A tensor of ones, e.g. an all-visible attention mask `ones([B, 1, T])`.", () => "1");
export const zeros = constant("zeros", "A tensor of zeros.", () => "0");
export const full = constant("full", "A tensor filled with `value`.", (ctx) => String(arg.num(ctx.args.value)), [
  { name: "value", type: "float", doc: "The fill value." },
]);
