/**
 * Layers of the progressive and style-based GANs: ProGAN's (Karras et al. 2018) equalized
 * dense and convolution, pixelwise normalization, minibatch standard deviation and fade-in blend,
 * and StyleGAN's (Karras et al. 2019) AdaIN, noise injection, learned constant input, truncation
 * (with the running average of w) and style mixing. Runtime
 * in runtime/nn/generative-layers.ts. Parameter counts as the PyTorch reference implementations
 * (an equalized layer has torch.nn.Linear/Conv2d's weights; the He constant is not a parameter).
 */
import { add, definitelyDifferent, dim, formatShape, mul, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry, ShapeContext, TensorShape } from "../../registry/types.js";
import { arg, lit, pairLit, paddingLit, requireRank } from "../helpers.js";
import { outputSize, requirePositive } from "../conv/conv-arithmetic.js";

const image = (ctx: ShapeContext, x: TensorShape, what = ""): boolean => requireRank(ctx, x, 4, `[B, H, W, C]${what}`);

export const pixelNorm: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "pixel_norm",
  category: "generative",
  doc: "ProGAN's pixelwise feature normalization (Karras et al. 2018): `x / sqrt(mean_c x² + ε)` over the last axis, ε = 1e-8. Any shape; no weights.",
  args: [],
  inputs: { min: 1, max: 1 },
  shape: (ctx) => ctx.inputs[0]!,
  apply: (_ctx, [x]) => `dl.layers.pixelNorm(${x})`,
};

export const minibatchStddev: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "minibatch_stddev",
  category: "generative",
  doc:
    "ProGAN's minibatch standard deviation (Karras et al. 2018): the standard deviation of each feature over groups of `group` examples " +
    "(the whole batch when it is not divisible), averaged to one number per group and appended as a channel. `[B, H, W, C]` → `[B, H, W, C + 1]`. No weights.",
  args: [{ name: "group", type: "int", default: "4", doc: "Examples per group." }],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!image(ctx, x) || !requirePositive(ctx, "group", arg.dim(ctx.args.group))) return undefined;
    return { shape: [...x.shape.slice(0, 3), add(x.shape[3]!, dim(1))], dtype: "f32" };
  },
  apply: (ctx, [x]) => `dl.layers.minibatchStddev(${x}, ${lit(arg.dim(ctx.args.group))})`,
};

export const equalizedDense: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "equalized_dense",
  category: "generative",
  doc:
    "Fully connected layer with ProGAN's equalized learning rate: `W ~ N(0, 1)` scaled at run time by He's constant `sqrt(2 / N)`, bias 0. " +
    "Input `[B, N]`, output `[B, units]`; weights as `dense` (`N·units + units`).",
  args: [
    { name: "units", type: "int", doc: "Output features." },
    { name: "bias", type: "bool", default: "true", doc: "Add a learned bias." },
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (x.shape.length !== 2) return ctx.fail("rankMismatch", `${ctx.site} expects [B, N] but got ${formatShape(x.shape)}`, x.shape.length > 2 ? { title: "Insert `flatten` before equalized_dense", insertBefore: "flatten" } : undefined);
    return { shape: [x.shape[0]!, arg.dim(ctx.args.units)], dtype: "f32" };
  },
  weights(args, inputs) {
    const units = arg.dim(args.units);
    const w = [{ name: "kernel", shape: [inputs[0]!.shape[1]!, units], trainable: true }];
    return arg.bool(args.bias) ? [...w, { name: "bias", shape: [units], trainable: true }] : w;
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.EqualizedDense(${parent}, ${JSON.stringify(name)}, { inFeatures: ${lit(ctx.inputs[0]!.shape[1]!)}, units: ${lit(arg.dim(ctx.args.units))}, bias: ${arg.bool(ctx.args.bias)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};

export const equalizedConv2d: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "equalized_conv2d",
  category: "generative",
  doc:
    "Stride-1 convolution with ProGAN's equalized learning rate: kernel `~ N(0, 1)` scaled at run time by `sqrt(2 / (kh·kw·C))`, bias 0. " +
    "Weights as `conv2d`: `kernel: [kh, kw, C, filters]`, `bias: [filters]`.",
  args: [
    { name: "filters", type: "int", doc: "Output channels." },
    { name: "kernel", type: "pair", default: "3", doc: "Window size." },
    { name: "padding", type: "padding", default: "same", doc: "`same`, `valid`, `p`, `[ph, pw]` or `[[top, bottom], [left, right]]`." },
    { name: "bias", type: "bool", default: "true", doc: "Add a learned bias per filter." },
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (!image(ctx, x)) return undefined;
    const [b, h, w] = x.shape as [Dim, Dim, Dim, Dim];
    const kernel = arg.pair(ctx.args.kernel);
    const filters = arg.dim(ctx.args.filters);
    if (![filters, ...kernel].every((v, i) => requirePositive(ctx, ["filters", "kernel", "kernel"][i]!, v))) return undefined;
    const padding = arg.padding(ctx.args.padding);
    const oh = outputSize(ctx, "H", h, kernel[0], dim(1), dim(1), padding, 0);
    const ow = oh && outputSize(ctx, "W", w, kernel[1], dim(1), dim(1), padding, 1);
    if (!oh || !ow) return undefined;
    return { shape: [b, oh, ow, filters], dtype: "f32" };
  },
  weights(args, inputs) {
    const [kh, kw] = arg.pair(args.kernel);
    const filters = arg.dim(args.filters);
    const k = { name: "kernel", shape: [kh, kw, inputs[0]!.shape[3]!, filters], trainable: true };
    return arg.bool(args.bias) ? [k, { name: "bias", shape: [filters], trainable: true }] : [k];
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.EqualizedConv2D(${parent}, ${JSON.stringify(name)}, { inChannels: ${lit(ctx.inputs[0]!.shape[3]!)}, filters: ${lit(arg.dim(ctx.args.filters))}, ` +
    `kernel: ${pairLit(arg.pair(ctx.args.kernel))}, padding: ${paddingLit(arg.padding(ctx.args.padding))}, bias: ${arg.bool(ctx.args.bias)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};

export const noiseInjection: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "noise_injection",
  category: "generative",
  doc:
    "StyleGAN's per-layer noise (Karras et al. 2019): adds one N(0, 1) image per example, broadcast over channels, times a learned per-channel " +
    "scale (initialized to 0). `[B, H, W, C]` → same shape; weights `weight: [C]`. Noise comes from the layer's seeded stream at every call.",
  args: [],
  inputs: { min: 1, max: 1 },
  shape: (ctx) => (image(ctx, ctx.inputs[0]!) ? ctx.inputs[0]! : undefined),
  weights: (_args, inputs) => [{ name: "weight", shape: [inputs[0]!.shape[3]!], trainable: true }],
  construct: (ctx, parent, name) => `new dl.layers.NoiseInjection(${parent}, ${JSON.stringify(name)}, { channels: ${lit(ctx.inputs[0]!.shape[3]!)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};

export const adain: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "adain",
  category: "generative",
  doc:
    "Adaptive instance normalization (Huang & Belongie 2017; StyleGAN's style input): `adain(x, w)` normalizes each channel of `x: [B, H, W, C]` " +
    "over its positions and applies `y_s · x̂ + y_b`, `[y_s, y_b] = A(w)` an equalized affine map of the style `w: [B, D]` (scale bias initialized to 1). " +
    "Weights `style.kernel: [D, 2C]`, `style.bias: [2C]`.",
  args: [],
  inputs: { min: 2, max: 2 },
  shape(ctx) {
    const [x, w] = ctx.inputs as [TensorShape, TensorShape];
    if (!image(ctx, x)) return undefined;
    if (w.shape.length !== 2) return ctx.fail("rankMismatch", `${ctx.site} expects the style as [B, D] but got ${formatShape(w.shape)}`);
    if (definitelyDifferent(w.shape[0]!, x.shape[0]!)) return ctx.fail("dimensionMismatch", `${ctx.site}: the style ${formatShape(w.shape)} and the features ${formatShape(x.shape)} need one batch size`);
    return x;
  },
  weights: (_args, [x, w]) => [
    { name: "style.kernel", shape: [w!.shape[1]!, mul(dim(2), x!.shape[3]!)], trainable: true },
    { name: "style.bias", shape: [mul(dim(2), x!.shape[3]!)], trainable: true },
  ],
  construct: (ctx, parent, name) =>
    `new dl.layers.AdaIN(${parent}, ${JSON.stringify(name)}, { channels: ${lit(ctx.inputs[0]!.shape[3]!)}, styleDim: ${lit(ctx.inputs[1]!.shape[1]!)} })`,
  apply: (ctx, [x, w]) => `${ctx.field}.apply(${x}, ${w})`,
};

export const constantInput: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "constant_input",
  category: "generative",
  doc:
    "StyleGAN's learned constant input: a `[size, size, channels]` tensor (N(0, 1) at start) repeated over the batch of its input " +
    "(usually the style `w`, read only for the batch size). Output `[B, size, size, channels]`; weights `value: [1, size, size, channels]`.",
  args: [
    { name: "channels", type: "int", doc: "Channels." },
    { name: "size", type: "pair", default: "4", doc: "Height and width." },
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const [h, w] = arg.pair(ctx.args.size);
    return { shape: [ctx.inputs[0]!.shape[0]!, h, w, arg.dim(ctx.args.channels)], dtype: "f32" };
  },
  weights: (args) => [{ name: "value", shape: [dim(1), ...arg.pair(args.size), arg.dim(args.channels)], trainable: true }],
  construct: (ctx, parent, name) =>
    `new dl.layers.ConstantInput(${parent}, ${JSON.stringify(name)}, { channels: ${lit(arg.dim(ctx.args.channels))}, size: ${pairLit(arg.pair(ctx.args.size))} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x})`,
};

export const fade: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "fade",
  category: "generative",
  doc:
    "ProGAN's fade-in of a new resolution (Karras et al. 2018): `(1 − α)·a + α·b`, `a` the upsampled output of the previous stage (the skip), " +
    "`b` the new block's. `steps = 0`: α is the constant `alpha`; `steps > 0`: α = min(1, t / steps) with `t` the training-mode calls so far " +
    "(a buffer, saved in checkpoints; not a parameter). Inputs of one shape; no parameters.",
  args: [
    { name: "alpha", type: "float", default: "1", doc: "The constant α when `steps = 0`." },
    { name: "steps", type: "int", default: "0", min: 0, doc: "Training calls over which α ramps from 0 to 1 (0: constant α)." },
  ],
  inputs: { min: 2, max: 2 },
  shape(ctx) {
    const [a, b] = ctx.inputs as [TensorShape, TensorShape];
    if (a.shape.length !== b.shape.length || a.shape.some((d, i) => definitelyDifferent(d, b.shape[i]!))) {
      return ctx.fail(a.shape.length !== b.shape.length ? "rankMismatch" : "dimensionMismatch", `${ctx.site}: the skip ${formatShape(a.shape)} and the new block ${formatShape(b.shape)} must have the same shape`);
    }
    const alpha = arg.num(ctx.args.alpha);
    if (alpha < 0 || alpha > 1) return ctx.fail("invalidArgument", `${ctx.site}: alpha must lie in [0, 1], not ${alpha}`);
    return a;
  },
  weights: () => [{ name: "t", shape: [], trainable: false }],
  construct: (ctx, parent, name) =>
    `new dl.layers.Fade(${parent}, ${JSON.stringify(name)}, { alpha: ${arg.num(ctx.args.alpha)}, steps: ${lit(arg.dim(ctx.args.steps))} })`,
  apply: (ctx, [a, b]) => `${ctx.field}.apply(${a}, ${b}, ${ctx.training})`,
};

export const truncation: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "truncation",
  category: "generative",
  doc:
    "StyleGAN's truncation trick (Karras et al. 2019) and the running average it needs: in training steps `w: [B, ...]` passes unchanged " +
    "and a buffer `mean` (the shape of one example, zeros at start; saved in checkpoints, not a parameter) tracks the average w, " +
    "`mean ← decay·mean + (1 − decay)·mean over the batch of w`; in inference (samples, `dl predict`, export) the output is " +
    "`mean + psi·(w − mean)`: `psi = 1` leaves w unchanged, `psi = 0` gives every example the average w, `psi = 0.7` is the paper's trade of variety for quality.",
  args: [
    { name: "psi", type: "float", default: "1", doc: "ψ, the fraction of `w − mean` kept in inference; in [0, 1] usually (ψ > 1 exaggerates)." },
    { name: "decay", type: "float", default: "0.995", doc: "Decay of the running average per training call, in [0, 1) (StyleGAN's 0.995)." },
  ],
  inputs: { min: 1, max: 1 },
  shape(ctx) {
    const x = ctx.inputs[0]!;
    if (x.shape.length < 2) return ctx.fail("rankMismatch", `${ctx.site} expects [B, ...] (a batch of latents) but got ${formatShape(x.shape)}`);
    const decay = arg.num(ctx.args.decay);
    if (!(decay >= 0 && decay < 1)) return ctx.fail("invalidArgument", `${ctx.site}: decay must lie in [0, 1), not ${decay}`);
    if (!Number.isFinite(arg.num(ctx.args.psi))) return ctx.fail("invalidArgument", `${ctx.site}: psi must be a finite number`);
    return x;
  },
  weights: (_args, inputs) => [{ name: "mean", shape: inputs[0]!.shape.slice(1), trainable: false }],
  construct: (ctx, parent, name) =>
    `new dl.layers.Truncation(${parent}, ${JSON.stringify(name)}, { shape: [${ctx.inputs[0]!.shape.slice(1).map(lit).join(", ")}], psi: ${arg.num(ctx.args.psi)}, decay: ${arg.num(ctx.args.decay)} })`,
  apply: (ctx, [x]) => `${ctx.field}.apply(${x}, ${ctx.training})`,
};

export const styleMix: RegistryEntry = {
  kind: "layer",
  twiceDifferentiable: true,
  name: "style_mix",
  category: "generative",
  doc:
    "StyleGAN's mixing regularization (Karras et al. 2019): `style_mix(w1, w2, layers=n)` gives per-layer styles `[B, n, D]` from two latents " +
    "`[B, D]`. In training steps each example is mixed with probability `prob`: a crossover layer k is drawn uniformly from 1 … n − 1, " +
    "layers before k read w1 and the others w2; unmixed examples read w1 everywhere. In inference every layer reads w1. " +
    "Read layer i's style with `ws[:, i]`. Draws come from the layer's seeded stream. No weights.",
  args: [
    { name: "layers", type: "int", doc: "Number of per-layer styles (the generator's AdaIN layers)." },
    { name: "prob", type: "float", default: "0.9", doc: "Probability that a training example is mixed (StyleGAN: 0.9)." },
  ],
  inputs: { min: 2, max: 2 },
  shape(ctx) {
    const [a, b] = ctx.inputs as [TensorShape, TensorShape];
    for (const w of [a, b]) if (w.shape.length !== 2) return ctx.fail("rankMismatch", `${ctx.site} expects two latents [B, D] but got ${formatShape(w.shape)}`);
    if (a.shape.some((d, i) => definitelyDifferent(d, b.shape[i]!))) return ctx.fail("dimensionMismatch", `${ctx.site}: the latents ${formatShape(a.shape)} and ${formatShape(b.shape)} must have the same shape`);
    const prob = arg.num(ctx.args.prob);
    if (!(prob >= 0 && prob <= 1)) return ctx.fail("invalidArgument", `${ctx.site}: prob must lie in [0, 1], not ${prob}`);
    return { shape: [a.shape[0]!, arg.dim(ctx.args.layers), a.shape[1]!], dtype: "f32" };
  },
  construct: (ctx, parent, name) =>
    `new dl.layers.StyleMix(${parent}, ${JSON.stringify(name)}, { layers: ${lit(arg.dim(ctx.args.layers))}, prob: ${arg.num(ctx.args.prob)} })`,
  apply: (ctx, [a, b]) => `${ctx.field}.apply(${a}, ${b}, ${ctx.training})`,
};

export const progressiveStyleEntries: RegistryEntry[] = [pixelNorm, minibatchStddev, equalizedDense, equalizedConv2d, noiseInjection, adain, constantInput, fade, truncation, styleMix];
