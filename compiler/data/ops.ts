import { add, constValue, dim, format, mul } from "../shapes/dim.js";
import { arg, lit } from "../layers/helpers.js";
import type { DataField } from "../check/values.js";
import type { DataOpContext, DataOpEntry } from "./types.js";
import type { DataArg } from "../registry/types.js";
import { augmentOps } from "./augment.js";

const fieldArg = (fallback: string) => ({ name: "field", type: "string" as const, default: `"${fallback}"`, doc: `Field to transform (default \`${fallback}\`).` });

/** Finds the field an operation transforms, reporting unknown names. */
function field(ctx: DataOpContext): DataField | undefined {
  const name = ctx.args.field as string;
  const f = ctx.fields.find((x) => x.name === name);
  if (!f) ctx.fail(`${ctx.site}: the data set has no field '${name}'; its fields are ${ctx.fields.map((x) => x.name).join(", ")}`);
  return f;
}

function replace(fields: DataField[], next: DataField): DataField[] {
  return fields.map((f) => (f.name === next.name ? next : f));
}

export const pad: DataOpEntry = {
  kind: "data-op",
  name: "pad",
  doc: "Pads images `[H, W, C]` with `n` zeros on each side: MNIST's 28×28 becomes LeNet-5's 32×32 with `pad(2)`.",
  args: [{ name: "n", type: "int", doc: "Zeros added on every side." }, fieldArg("x")],
  apply(ctx) {
    const f = field(ctx);
    if (!f) return undefined;
    if (f.shape.length !== 3) return ctx.fail(`${ctx.site} pads images [H, W, C], but field '${f.name}' has shape [${f.shape.map((d) => format(d)).join(", ")}]`);
    const n = mul(arg.dim(ctx.args.n), dim(2));
    return replace(ctx.fields, { ...f, shape: [add(f.shape[0]!, n), add(f.shape[1]!, n), f.shape[2]!] });
  },
  emit: (ref, a) => `${ref}.pad(${lit(arg.dim(a.n))}, { field: ${JSON.stringify(a.field)} })`,
};

export const scale: DataOpEntry = {
  kind: "data-op",
  name: "scale",
  doc: "Maps values linearly from [0, 1] to [lo, hi] (GANs use `scale(-1, 1)` to match a tanh generator).",
  args: [{ name: "lo", type: "float", doc: "New minimum." }, { name: "hi", type: "float", doc: "New maximum." }, fieldArg("x")],
  apply: (ctx) => (field(ctx) ? ctx.fields : undefined),
  emit: (ref, a) => `${ref}.scale(${a.lo}, ${a.hi}, { field: ${JSON.stringify(a.field)} })`,
};

export const normalize: DataOpEntry = {
  kind: "data-op",
  name: "normalize",
  doc: "Standardizes values: `(x − mean) / std` (MNIST: `normalize(0.1307, 0.3081)`).",
  args: [{ name: "mean", type: "float", doc: "Subtracted." }, { name: "std", type: "float", doc: "Divided by." }, fieldArg("x")],
  apply: (ctx) => (field(ctx) ? ctx.fields : undefined),
  emit: (ref, a) => `${ref}.normalize(${a.mean}, ${a.std}, { field: ${JSON.stringify(a.field)} })`,
};

export const noise: DataOpEntry = {
  kind: "data-op",
  name: "noise",
  augments: true,
  doc: "Adds gaussian noise of standard deviation `std`, drawn afresh per batch and epoch from the train block's seed (denoising autoencoders, augmentation). Training data only; `dl predict` leaves it out.",
  args: [{ name: "std", type: "float", doc: "Noise standard deviation." }, fieldArg("x")],
  apply: (ctx) => (field(ctx) ? ctx.fields : undefined),
  emit: (ref, a) => `${ref}.noise(${a.std}, { field: ${JSON.stringify(a.field)} })`,
};

export const oneHot: DataOpEntry = {
  kind: "data-op",
  name: "one_hot",
  doc: "Replaces integer labels by one-hot vectors `f32[classes]`.",
  args: [{ name: "classes", type: "int", doc: "Number of classes." }, fieldArg("y")],
  apply(ctx) {
    const f = field(ctx);
    if (!f) return undefined;
    if (f.shape.length !== 0 || f.dtype !== "i32") return ctx.fail(`${ctx.site} needs integer labels, but field '${f.name}' is ${f.dtype}[${f.shape.map((d) => format(d)).join(", ")}]`);
    const classes = arg.dim(ctx.args.classes);
    const n = constValue(classes);
    if (n !== undefined && n < 1) return ctx.fail(`${ctx.site}: the number of classes must be at least 1, but got ${n}`);
    if (f.classes && n !== undefined && n !== f.classes.n) {
      return ctx.fail(`${ctx.site}: ${f.classes.source} has ${f.classes.n} classes, but one_hot makes vectors of ${n}; write one_hot(${f.classes.n})`);
    }
    return replace(ctx.fields, { name: f.name, shape: [classes], dtype: "f32" });
  },
  emit: (ref, a) => `${ref}.oneHot(${lit(arg.dim(a.classes))}, { field: ${JSON.stringify(a.field)} })`,
};

export const take: DataOpEntry = {
  kind: "data-op",
  name: "take",
  doc: "Keeps the first `n` examples (quick experiments).",
  args: [{ name: "n", type: "int", doc: "Examples to keep." }],
  apply: (ctx) => ctx.fields,
  size: (before, a) => {
    const n = constValue(arg.dim(a.n));
    return n === undefined ? undefined : before === undefined ? undefined : Math.min(before, n);
  },
  emit: (ref, a) => `${ref}.take(${lit(arg.dim(a.n))})`,
};

export const batch: DataOpEntry = {
  kind: "data-op",
  name: "batch",
  doc: "Groups examples into batches of `size` along a new first axis `B`; `shuffle=true` reshuffles every epoch with the run's seed.",
  args: [
    { name: "size", type: "int", doc: "Examples per batch." },
    { name: "shuffle", type: "bool", default: "false", doc: "Shuffle before batching, every epoch." },
    { name: "drop_last", type: "bool", default: "false", doc: "Drop a final incomplete batch." },
  ],
  batches: true,
  apply: (ctx) => ctx.fields,
  emit: (ref, a) => `${ref}.batch(${lit(arg.dim(a.size))}, { shuffle: ${a.shuffle}, dropLast: ${a.drop_last} })`,
};

export const zip: DataOpEntry = {
  kind: "data-op",
  name: "zip",
  doc: "Pairs each example with one of `other` (an unbatched data set): fields `x, y` then `other`'s with a `2` suffix (`x2, y2`), length the shorter set's; `batch(..., shuffle=true)` shuffles the two sets independently (unpaired domains, CycleGAN).",
  args: [{ name: "other", type: "data", doc: "The data set paired with the piped one." }],
  apply(ctx) {
    const other = ctx.args.other as DataArg;
    const renamed = other.fields.map((f) => ({ ...f, name: `${f.name}2` }));
    const clash = renamed.find((f) => ctx.fields.some((x) => x.name === f.name));
    if (clash) return ctx.fail(`${ctx.site}: both data sets would have a field '${clash.name}'; the piped set's fields are ${ctx.fields.map((x) => x.name).join(", ")}`);
    return [...ctx.fields, ...renamed];
  },
  // The shorter set's length; the other set's size is not tracked.
  size: () => undefined,
  emit: (ref, a) => `${ref}.zip(${(a.other as DataArg).code})`,
};

export const dataOps: ReadonlyMap<string, DataOpEntry> = new Map(
  [pad, scale, normalize, noise, ...augmentOps, oneHot, take, batch, zip].map((e) => [e.name, e]),
);
