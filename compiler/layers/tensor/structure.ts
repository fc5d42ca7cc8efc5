/**
 * Tensor structure: `transpose` and `permute` reorder axes, `split` and `chunk` cut one axis into
 * a tuple of pieces, `where` selects elementwise by a bool mask, `cast` changes the dtype,
 * `broadcast_to` repeats axes of size 1. No
 * weights. Reordering, cutting and selecting are linear in the tensors they move, so their
 * gradients are too: twice differentiable.
 */
import { add, constValue, definitelyDifferent, dim, divides, floorDiv, format, formatShape, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry, ShapeContext, TensorShape } from "../../registry/types.js";
import { arg, normalizeAxis } from "../helpers.js";
import { broadcast } from "../merge/broadcast.js";

/** The axis argument normalised against `x`, or undefined after reporting it. */
function axisOf(ctx: ShapeContext, x: TensorShape, name = "axis"): number | undefined {
  const raw = arg.num(ctx.args[name]);
  const axis = normalizeAxis(raw, x.shape.length);
  if (axis === undefined) ctx.fail("invalidArgument", `${ctx.site}: ${name} ${raw} is out of range for ${formatShape(x.shape)} (rank ${x.shape.length})`);
  return axis;
}

export const transpose: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "transpose",
  category: "tensor",
  doc: "Swaps two axes (torch.transpose), by default the last two: `[B, T, D]` → `[B, D, T]`. Negative axes count from the end; axis 0 is the batch. No weights.",
  args: [
    { name: "axis0", type: "axis", default: "-2", doc: "First axis." },
    { name: "axis1", type: "axis", default: "-1", doc: "Second axis." },
  ],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    const a = axisOf(ctx, x, "axis0");
    const b = a === undefined ? undefined : axisOf(ctx, x, "axis1");
    if (a === undefined || b === undefined) return undefined;
    const shape = [...x.shape];
    [shape[a], shape[b]] = [shape[b]!, shape[a]!];
    return { shape, dtype: x.dtype };
  },
  apply(ctx, [x]) {
    const rank = ctx.inputs[0]!.shape.length;
    const a = normalizeAxis(arg.num(ctx.args.axis0), rank)!;
    const b = normalizeAxis(arg.num(ctx.args.axis1), rank)!;
    const perm = [...Array(rank).keys()];
    [perm[a], perm[b]] = [perm[b]!, perm[a]!];
    return `dl.ops.permute(${x}, [${perm.join(", ")}])`;
  },
};

export const permute: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "permute",
  category: "tensor",
  doc: "Reorders every axis (torch.permute): `permute([0, 2, 1])` maps `[B, T, D]` to `[B, D, T]`; the list names each input axis once, the batch axis 0 included. No weights.",
  args: [{ name: "axes", type: "ints", min: 0, doc: "The input axis for each output axis." }],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    const axes = arg.dims(ctx.args.axes).map(constValue);
    const rank = x.shape.length;
    const sorted = [...axes].sort((p, q) => (p ?? -1) - (q ?? -1));
    if (axes.length !== rank || sorted.some((a, i) => a !== i)) {
      return ctx.fail("invalidArgument", `${ctx.site}: axes must name each of the ${rank} axes of ${formatShape(x.shape)} once (a reordering of 0 to ${rank - 1})`);
    }
    return { shape: axes.map((a) => x.shape[a!]!), dtype: x.dtype };
  },
  apply: (ctx, [x]) => `dl.ops.permute(${x}, [${arg.dims(ctx.args.axes).map((d) => constValue(d)).join(", ")}])`,
};

/** The pieces of `x` of `sizes` along `axis`, as shapes. */
function pieces(x: TensorShape, axis: number, sizes: Dim[]): TensorShape[] {
  return sizes.map((s) => ({ shape: x.shape.map((d, i) => (i === axis ? s : d)), dtype: x.dtype }));
}

export const split: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "split",
  category: "tensor",
  doc: "Cuts `axis` (default the last) into pieces of the given sizes (torch.split with a list), a tuple: `let (a, b) = split(x, [C / 2, C / 2])`. The sizes must add up to the axis. No weights.",
  args: [
    { name: "sizes", type: "ints", doc: "Size of each piece." },
    { name: "axis", type: "axis", default: "-1", doc: "Axis to cut." },
  ],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape: (ctx) => split.outputs!(ctx)?.[0],
  outputs(ctx) {
    const x = ctx.inputs[0]!;
    const axis = axisOf(ctx, x);
    if (axis === undefined) return undefined;
    const sizes = arg.dims(ctx.args.sizes);
    const total = sizes.reduce((acc, d) => add(acc, d), dim(0));
    if (definitelyDifferent(total, x.shape[axis]!)) {
      return ctx.fail("dimensionMismatch", `${ctx.site}: the sizes add up to ${format(total)}, but axis ${axis} of ${formatShape(x.shape)} has ${format(x.shape[axis]!)}`);
    }
    return pieces(x, axis, sizes);
  },
  apply(ctx, [x]) {
    const axis = normalizeAxis(arg.num(ctx.args.axis), ctx.inputs[0]!.shape.length)!;
    return `dl.ops.split(${x}, [${arg.dims(ctx.args.sizes).map(ctx.dim).join(", ")}], ${axis})`;
  },
};

export const chunk: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "chunk",
  category: "tensor",
  doc: "Cuts `axis` (default the last) into `chunks` equal pieces, a tuple (torch.chunk): `let (a, b) = chunk(x, 2)` halves the channels, as ShuffleNetV2's split does. The axis must divide evenly. No weights.",
  args: [
    { name: "chunks", type: "int", doc: "Number of pieces." },
    { name: "axis", type: "axis", default: "-1", doc: "Axis to cut." },
  ],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape: (ctx) => chunk.outputs!(ctx)?.[0],
  outputs(ctx) {
    const x = ctx.inputs[0]!;
    const axis = axisOf(ctx, x);
    if (axis === undefined) return undefined;
    const n = arg.dim(ctx.args.chunks);
    const size = x.shape[axis]!;
    if (divides(size, n) === false) {
      return ctx.fail("nonIntegerDimension", `${ctx.site}: axis ${axis} of ${formatShape(x.shape)} has ${format(size)}, which ${format(n)} does not divide`);
    }
    const count = constValue(n);
    if (count === undefined) return ctx.fail("invalidArgument", `${ctx.site}: the number of pieces must be a constant`);
    return pieces(x, axis, Array<Dim>(count).fill(floorDiv(size, n)));
  },
  apply(ctx, [x]) {
    const axis = normalizeAxis(arg.num(ctx.args.axis), ctx.inputs[0]!.shape.length)!;
    const size = ctx.output.shape[axis]!;
    return `dl.ops.split(${x}, [${Array(constValue(arg.dim(ctx.args.chunks))!).fill(ctx.dim(size)).join(", ")}], ${axis})`;
  },
};

export const where: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "where",
  category: "tensor",
  doc: "`where(mask, a, b)`: `a` where the bool `mask` holds, else `b`, elementwise with broadcasting (torch.where); `a` and `b` may be numbers: `where(x > 0, x, 0.0)`. The gradient flows to `a` and `b`, not the mask; twice differentiable. No weights.",
  args: [],
  inputs: { min: 3, max: 3 },
  integerInputs: "all",
  numbersAsTensors: true,
  shape(ctx) {
    const [m, a, b] = ctx.inputs as [TensorShape, TensorShape, TensorShape];
    if (m.dtype !== "bool") return ctx.fail("dtypeMismatch", `${ctx.site}: the mask must be a bool tensor (a comparison such as x > 0), but it is ${m.dtype}`);
    if (a.dtype === "bool" || b.dtype === "bool") return ctx.fail("dtypeMismatch", `${ctx.site}: the values to choose from must be numbers, not bool tensors`);
    const ab = broadcast(ctx, a, b);
    const out = ab && broadcast(ctx, m, ab);
    return out && { shape: out.shape, dtype: a.dtype === "f32" || b.dtype === "f32" ? "f32" : a.dtype };
  },
  apply: (_ctx, [m, a, b]) => `dl.ops.where(${m}, ${a}, ${b})`,
};

export const cast: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "cast",
  category: "tensor",
  doc: 'Converts to `dtype`: `cast(pred == y, "f32")` gives a mask\'s 0/1 values (so `mean` of it is an accuracy). Differentiable from f32 to f32 only. No weights.',
  args: [{ name: "dtype", type: "string", values: ["f32", "i32", "bool"], doc: "The dtype to convert to." }],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape: (ctx) => ({ shape: ctx.inputs[0]!.shape, dtype: ctx.args.dtype as TensorShape["dtype"] }),
  apply: (ctx, [x]) => `dl.ops.cast(${x}, ${JSON.stringify(ctx.args.dtype)})`,
};

export const broadcastTo: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "broadcast_to",
  category: "tensor",
  doc: "Repeats axes of size 1 to `shape` (torch.broadcast_to, NumPy's rules): ViT's class token `cls |> broadcast_to([B, 1, D])` gets one copy per example. The gradient sums the copies; twice differentiable. No weights.",
  args: [{ name: "shape", type: "ints", doc: "The full shape, which may start with the batch size `B`." }],
  inputs: { min: 1, max: 1 },
  integerInputs: "all",
  shape(ctx) {
    const x = ctx.inputs[0]!;
    const shape = arg.dims(ctx.args.shape);
    const out = broadcast(ctx, x, { shape, dtype: x.dtype });
    if (!out) return undefined;
    if (out.shape.length !== shape.length || out.shape.some((d, i) => definitelyDifferent(d, shape[i]!))) {
      return ctx.fail("dimensionMismatch", `${ctx.site}: ${formatShape(x.shape)} cannot grow to ${formatShape(shape)}; only axes of size 1 repeat`);
    }
    return { shape, dtype: x.dtype };
  },
  apply: (ctx, [x]) => `dl.ops.broadcastTo(${x}, [${arg.dims(ctx.args.shape).map(ctx.dim).join(", ")}])`,
};

/** Every entry of this file, for the registry. */
export const tensorStructure: RegistryEntry[] = [transpose, permute, split, chunk, where, cast, broadcastTo];
