/**
 * Random augmentations in data pipelines (`|> random_crop(32, padding=4) |> random_flip()`), as
 * torchvision's transforms: each draws afresh per image, batch and epoch from the train block's
 * seed (runtime/data/augment.ts), so a run is reproducible and each epoch sees other draws. They
 * are marked `augments`: the checker warns when an `evaluate` block reads a set that has one, and
 * `dl predict` applies their inference form (the identity, or random_crop's centre window).
 * `center_crop` is their deterministic companion for test sets.
 */
import { add, constValue, dim, format, mul } from "../shapes/dim.js";
import { arg, lit, pairLit } from "../layers/helpers.js";
import type { DataField } from "../check/values.js";
import type { DataOpContext, DataOpEntry } from "./types.js";
import type { ArgSpec } from "../registry/types.js";

const fieldArg: ArgSpec = { name: "field", type: "string", default: '"x"', doc: "Field to transform (default `x`)." };

/** The image field `[H, W, C]` an augmentation transforms, reporting another name or rank. */
function imageField(ctx: DataOpContext, what: string): DataField | undefined {
  const name = ctx.args.field as string;
  const f = ctx.fields.find((x) => x.name === name);
  if (!f) return ctx.fail(`${ctx.site}: the data set has no field '${name}'; its fields are ${ctx.fields.map((x) => x.name).join(", ")}`);
  if (f.shape.length !== 3 || f.dtype !== "f32") {
    return ctx.fail(`${ctx.site} ${what} images f32[H, W, C], but field '${f.name}' is ${f.dtype}[${f.shape.map((d) => format(d)).join(", ")}]`);
  }
  return f;
}

/** A factor range `delta` in [0, ∞): factors come from [max(0, 1 − delta), 1 + delta]. */
function checkDelta(ctx: DataOpContext): boolean {
  const delta = arg.num(ctx.args.delta);
  if (delta >= 0 && Number.isFinite(delta)) return true;
  ctx.fail(`${ctx.site}: delta must be zero or more (factors are drawn from [max(0, 1 − delta), 1 + delta]), but it is ${delta}`);
  return false;
}

const options = (a: Record<string, unknown>, names: Record<string, string>): string =>
  `{ ${Object.entries(names).map(([k, v]) => `${v}: ${typeof a[k] === "string" ? JSON.stringify(a[k]) : String(a[k])}`).join(", ")} }`;

/** The fields after a crop to `size` (of images padded by `padding`, if given), or a failure when the window does not fit. */
function cropped(ctx: DataOpContext, what: string): DataField[] | undefined {
  const f = imageField(ctx, what);
  if (!f) return undefined;
  const [h, w] = arg.pair(ctx.args.size);
  const p = ctx.args.padding === undefined ? 0 : (constValue(arg.dim(ctx.args.padding)) ?? 0);
  const [ph, pw] = [f.shape[0]!, f.shape[1]!].map((d) => constValue(add(d, mul(dim(p), dim(2)))));
  const [ch, cw] = [constValue(h), constValue(w)];
  if (ph !== undefined && pw !== undefined && ch !== undefined && cw !== undefined && (ch > ph || cw > pw)) {
    const images = `${format(f.shape[0]!)}×${format(f.shape[1]!)}${p > 0 ? ` (${ph}×${pw} with padding ${p})` : ""}`;
    // random_crop can pad: the smallest padding that makes the window fit.
    const need = Math.max(Math.ceil((ch - ph) / 2), Math.ceil((cw - pw) / 2)) + p;
    const fix = ctx.args.padding === undefined ? "" : `, or pad with padding=${need}`;
    return ctx.fail(`${ctx.site} takes ${ch}×${cw} windows, but the images of field '${f.name}' are ${images}: use a window of at most ${ph}×${pw}${fix}`);
  }
  return ctx.fields.map((x) => (x.name === f.name ? { ...x, shape: [h, w, f.shape[2]!] } : x));
}

export const randomCrop: DataOpEntry = {
  kind: "data-op",
  name: "random_crop",
  augments: true,
  doc:
    "Random crop (torchvision's `RandomCrop(size, padding)`): zero-pads images `[H, W, C]` by `padding` on every side, then keeps a " +
    "`size`×`size` window (or `[height, width]`) at a position drawn per image, batch and epoch from the train block's seed: " +
    "`random_crop(32, padding=4)` shifts 32×32 images by up to 4 pixels. Training data only; `dl predict` takes the centre window.",
  args: [
    { name: "size", type: "pair", doc: "Window size: an int for a square, or `[height, width]`." },
    { name: "padding", type: "int", default: "0", min: 0, doc: "Zeros added on every side before cropping." },
    fieldArg,
  ],
  apply: (ctx) => cropped(ctx, "crops"),
  emit: (ref, a) => `${ref}.randomCrop(${pairLit(arg.pair(a.size))}, { padding: ${lit(arg.dim(a.padding))}, field: ${JSON.stringify(a.field)} })`,
};

export const centerCrop: DataOpEntry = {
  kind: "data-op",
  name: "center_crop",
  doc:
    "Centre crop (torchvision's `CenterCrop(size)`): keeps the middle `size`×`size` window (or `[height, width]`) of images `[H, W, C]`, " +
    "deterministically: the test-set counterpart of `random_crop(size)` without padding.",
  args: [{ name: "size", type: "pair", doc: "Window size: an int for a square, or `[height, width]`." }, fieldArg],
  apply: (ctx) => cropped(ctx, "crops"),
  emit: (ref, a) => `${ref}.centerCrop(${pairLit(arg.pair(a.size))}, { field: ${JSON.stringify(a.field)} })`,
};

export const randomFlip: DataOpEntry = {
  kind: "data-op",
  name: "random_flip",
  augments: true,
  doc:
    "Random flips (torchvision's `RandomHorizontalFlip(p)`, and `RandomVerticalFlip(p)` with `vertical=true`): mirrors each image " +
    "`[H, W, C]` left-right with probability `p`, drawn per image, batch and epoch from the train block's seed. Training data only.",
  args: [
    { name: "horizontal", type: "bool", default: "true", doc: "Mirror left-right." },
    { name: "vertical", type: "bool", default: "false", doc: "Mirror upside down (drawn independently of the horizontal flip)." },
    { name: "p", type: "float", default: "0.5", doc: "Probability of each flip, in [0, 1]." },
    fieldArg,
  ],
  apply(ctx) {
    const f = imageField(ctx, "flips");
    if (!f) return undefined;
    const p = arg.num(ctx.args.p);
    if (!(p >= 0 && p <= 1)) return ctx.fail(`${ctx.site}: p is a probability in [0, 1], but it is ${p}`);
    if (!ctx.args.horizontal && !ctx.args.vertical) return ctx.fail(`${ctx.site} flips nothing: horizontal and vertical are both false`);
    return ctx.fields;
  },
  emit: (ref, a) => `${ref}.randomFlip(${options(a, { horizontal: "horizontal", vertical: "vertical", p: "p", field: "field" })})`,
};

export const randomBrightness: DataOpEntry = {
  kind: "data-op",
  name: "random_brightness",
  augments: true,
  doc:
    "Random brightness (torchvision's `ColorJitter(brightness=delta)`): multiplies each image `[H, W, C]` by a factor drawn from " +
    "[max(0, 1 − delta), 1 + delta] per image, batch and epoch. Values are not clipped (ColorJitter clips to [0, 1]). Training data only.",
  args: [{ name: "delta", type: "float", doc: "Half-width of the factor's range around 1." }, fieldArg],
  apply: (ctx) => (imageField(ctx, "brightens") && checkDelta(ctx) ? ctx.fields : undefined),
  emit: (ref, a) => `${ref}.randomBrightness(${a.delta}, { field: ${JSON.stringify(a.field)} })`,
};

export const randomContrast: DataOpEntry = {
  kind: "data-op",
  name: "random_contrast",
  augments: true,
  doc:
    "Random contrast (torchvision's `ColorJitter(contrast=delta)`): `mean + f·(x − mean)` per image `[H, W, C]`, `f` drawn from " +
    "[max(0, 1 − delta), 1 + delta], `mean` that of the image's grayscale (luma for 3 channels). Values are not clipped. Training data only.",
  args: [{ name: "delta", type: "float", doc: "Half-width of the factor's range around 1." }, fieldArg],
  apply: (ctx) => (imageField(ctx, "changes the contrast of") && checkDelta(ctx) ? ctx.fields : undefined),
  emit: (ref, a) => `${ref}.randomContrast(${a.delta}, { field: ${JSON.stringify(a.field)} })`,
};

/** The augmentation entries, in registry order. */
export const augmentOps: DataOpEntry[] = [randomCrop, centerCrop, randomFlip, randomBrightness, randomContrast];
