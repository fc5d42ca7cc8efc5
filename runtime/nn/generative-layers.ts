/**
 * Layers and ops of the progressive and style-based GANs (`dl.layers.*`):
 * - ProGAN (Karras et al. 2018, "Progressive Growing of GANs"): `EqualizedDense` and
 *   `EqualizedConv2D` (weights drawn N(0, 1) and scaled at run time by He's constant
 *   sqrt(2 / fanIn), the equalized learning rate), `pixelNorm`, `minibatchStddev` and `Fade`, the
 *   fade-in blend (1 − α)·a + α·b whose α can ramp from 0 to 1 over training calls.
 * - StyleGAN (Karras et al. 2019, "A Style-Based Generator Architecture"): `AdaIN` (instance
 *   norm, then a per-channel scale and bias from an affine map of the style w), `NoiseInjection`
 *   (one noise image per example, added with a learned per-channel scale) and `ConstantInput`
 *   (the learned 4×4 constant the synthesis network starts from).
 * Parameter counts follow the PyTorch reference implementations: an equalized layer has the
 * weights of torch.nn.Linear/Conv2d (the He constant is not a parameter).
 */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { random } from "../rng.js";
import { normal, zeros } from "./init.js";

/** Pixelwise feature normalization: x / sqrt(mean over channels of x² + eps). */
export function pixelNorm(x: tf.Tensor, eps = 1e-8): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), eps))));
}

/**
 * ProGAN's minibatch standard deviation: within groups of `group` examples (the whole batch when
 * the batch is not divisible), the standard deviation of every feature over the group, averaged
 * over features and positions, appended as one more channel. `[B, H, W, C]` → `[B, H, W, C + 1]`.
 */
export function minibatchStddev(x: tf.Tensor, group = 4): tf.Tensor {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape as [number, number, number, number];
    const g = b % group === 0 ? Math.min(group, b) : b;
    const y = tf.reshape(x, [g, b / g, h, w, c]);
    const centered = tf.sub(y, tf.mean(y, 0, true));
    const std = tf.sqrt(tf.add(tf.mean(tf.square(centered), 0), 1e-8)); // [b/g, h, w, c]
    const s = tf.mean(std, [1, 2, 3]); // [b/g]
    // Example i = group member i / (b/g) of group i mod (b/g); rank ≤ 4 ops only (tile's gradient stops at rank 4).
    const feature = tf.mul(tf.reshape(tf.tile(s, [g]), [b, 1, 1, 1]), tf.ones([1, h, w, 1]));
    return tf.concat([x, feature], -1);
  });
}

/** Fully connected layer with the equalized learning rate: y = x·(W·sqrt(2/in)) + b, W ~ N(0, 1), b = 0. */
export class EqualizedDense extends Module {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;
  readonly scale: number;

  constructor(parent: Module | null, name: string, readonly options: { inFeatures: number; units: number; bias?: boolean; gain?: number }) {
    super(parent, name);
    const { inFeatures, units, bias = true, gain = Math.SQRT2 } = options;
    this.scale = gain / Math.sqrt(inFeatures);
    this.kernel = this.param("kernel", [inFeatures, units], normal(1));
    this.bias = bias ? this.param("bias", [units], zeros) : null;
  }

  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const flat = x.rank === 2 ? (x as tf.Tensor2D) : (tf.reshape(x, [-1, this.options.inFeatures]) as tf.Tensor2D);
      let y: tf.Tensor = tf.matMul(flat, tf.mul(this.kernel, this.scale) as tf.Tensor2D);
      if (this.bias) y = tf.add(y, this.bias);
      return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.options.units]);
    });
  }
}

/** Convolution with the equalized learning rate (NHWC, stride 1): the kernel is scaled by sqrt(2/(kh·kw·C)) at every call. */
export class EqualizedConv2D extends Module {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;
  readonly scale: number;

  constructor(
    parent: Module | null,
    name: string,
    readonly options: { inChannels: number; filters: number; kernel: [number, number]; padding: "same" | "valid" | [[number, number], [number, number]]; bias?: boolean },
  ) {
    super(parent, name);
    const { inChannels, filters, kernel, bias = true } = options;
    this.scale = Math.SQRT2 / Math.sqrt(kernel[0] * kernel[1] * inChannels);
    this.kernel = this.param("kernel", [kernel[0], kernel[1], inChannels, filters], normal(1));
    this.bias = bias ? this.param("bias", [filters], zeros) : null;
  }

  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const p = this.options.padding;
      const pad = typeof p === "string" ? p : ([[0, 0], p[0], p[1], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]]);
      let y: tf.Tensor = tf.conv2d(x as tf.Tensor4D, tf.mul(this.kernel, this.scale) as tf.Tensor4D, 1, pad);
      if (this.bias) y = tf.add(y, this.bias);
      return y;
    });
  }
}

/**
 * StyleGAN's noise input: one N(0, 1) image per example, broadcast over channels and added with
 * a learned per-channel scale (initialized to zero). Drawn from the layer's own seeded stream at
 * every call, in training and in sampling alike.
 */
export class NoiseInjection extends Module {
  readonly weight: tf.Variable;
  private readonly noiseRng = this.rng.child("noise");

  constructor(parent: Module | null, name: string, readonly options: { channels: number }) {
    super(parent, name);
    this.weight = this.param("weight", [options.channels], zeros);
  }

  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const [b, h, w] = x.shape as [number, number, number, number];
      return tf.add(x, tf.mul(random.normal([b, h, w, 1], this.noiseRng), this.weight));
    });
  }
}

/**
 * Adaptive instance normalization: each channel of x is normalized over its positions, then
 * scaled and shifted by the style: [y_s, y_b] = A(w), an (equalized) affine map of w with its
 * scale bias initialized to 1 and its shift bias to 0. Parameters w·2C + 2C.
 */
export class AdaIN extends Module {
  readonly style: EqualizedDense;

  constructor(parent: Module | null, name: string, readonly options: { channels: number; styleDim: number; eps?: number }) {
    super(parent, name);
    this.style = new EqualizedDense(this, "style", { inFeatures: options.styleDim, units: 2 * options.channels, gain: 1 });
    const c = options.channels;
    this.style.bias!.assign(tf.concat([tf.ones([c]), tf.zeros([c])]));
  }

  apply(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const c = this.options.channels;
      const { mean, variance } = tf.moments(x, [1, 2], true);
      const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.options.eps ?? 1e-5)));
      const s = this.style.apply(w); // [B, 2C]
      const ys = tf.reshape(tf.slice(s, [0, 0], [-1, c]), [-1, 1, 1, c]);
      const yb = tf.reshape(tf.slice(s, [0, c], [-1, c]), [-1, 1, 1, c]);
      return tf.add(tf.mul(normalized, ys), yb);
    });
  }
}

/** StyleGAN's learned constant input [size, size, C] (N(0, 1) at start), repeated over the batch of `like`. */
export class ConstantInput extends Module {
  readonly value: tf.Variable;

  constructor(parent: Module | null, name: string, readonly options: { channels: number; size: [number, number] }) {
    super(parent, name);
    this.value = this.param("value", [1, options.size[0], options.size[1], options.channels], normal(1));
  }

  apply(like: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.tile(this.value, [like.shape[0]!, 1, 1, 1]));
  }
}

/**
 * ProGAN's fade-in: (1 − α)·a + α·b, a the upsampled output of the previous resolution (the skip)
 * and b the new block's. With `steps = 0` α is the constant `alpha`; with `steps > 0` α =
 * min(1, t / steps), t counting training-mode calls in a buffer `t` (saved in checkpoints, so a
 * resumed run continues the ramp; not a parameter).
 */
export class Fade extends Module {
  readonly t: tf.Variable;

  constructor(parent: Module | null, name: string, readonly options: { alpha: number; steps: number }) {
    super(parent, name);
    this.t = this.param("t", [], zeros, false);
  }

  /** The current α as a scalar tensor. */
  alpha(): tf.Scalar {
    const { alpha, steps } = this.options;
    return tf.tidy(() => (steps > 0 ? (tf.minimum(1, tf.div(this.t, steps)) as tf.Scalar) : tf.scalar(alpha)));
  }

  apply(a: tf.Tensor, b: tf.Tensor, training: boolean): tf.Tensor {
    const out = tf.tidy(() => {
      const alpha = this.alpha();
      return tf.add(tf.mul(a, tf.sub(1, alpha)), tf.mul(b, alpha));
    });
    if (training && this.options.steps > 0) tf.tidy(() => this.t.assign(tf.add(this.t, 1)));
    return out;
  }
}

/**
 * StyleGAN's truncation trick with the running average it needs: in training calls the input
 * `w: [B, ...]` passes unchanged and a buffer `mean` (zeros at start, saved in checkpoints, not a
 * parameter) moves towards the batch mean, mean ← decay·mean + (1 − decay)·mean_B(w) (the
 * reference implementation's `dlatent_avg`, decay 0.995); in inference calls (samples, predict,
 * export) the output is mean + ψ·(w − mean). ψ = 1 leaves w as it is, ψ = 0 gives the mean.
 */
export class Truncation extends Module {
  readonly mean: tf.Variable;

  constructor(parent: Module | null, name: string, readonly options: { shape: number[]; psi: number; decay: number }) {
    super(parent, name);
    this.mean = this.param("mean", options.shape, zeros, false);
  }

  apply(w: tf.Tensor, training: boolean): tf.Tensor {
    if (training) {
      const { decay } = this.options;
      tf.tidy(() => this.mean.assign(tf.add(tf.mul(this.mean, decay), tf.mul(tf.mean(w, 0), 1 - decay))));
      return w;
    }
    if (this.options.psi === 1) return w;
    return tf.tidy(() => tf.add(this.mean, tf.mul(tf.sub(w, this.mean), this.options.psi)));
  }
}

/**
 * StyleGAN's mixing regularization: per-layer styles `[B, layers, D]` from two latents `w1, w2:
 * [B, D]`. In training calls each example is mixed with probability `prob`: a crossover layer k
 * is drawn uniformly from 1 … layers − 1, layers before k read w1 and layers from k on read w2;
 * unmixed examples read w1 everywhere. In inference calls every layer reads w1. The draws come
 * from the layer's own seeded stream, so a resumed run replays them.
 */
export class StyleMix extends Module {
  private readonly mixRng = this.rng.child("mix");

  constructor(parent: Module | null, name: string, readonly options: { layers: number; prob: number }) {
    super(parent, name);
  }

  /** The crossover layer of each of `batch` examples (`layers` for an unmixed one), drawn from the layer's stream. */
  crossovers(batch: number): Int32Array {
    const { layers, prob } = this.options;
    const out = new Int32Array(batch).fill(layers);
    for (let i = 0; i < batch; i++) {
      const mixed = this.mixRng.next() < prob;
      const k = 1 + Math.floor(this.mixRng.next() * (layers - 1));
      if (mixed && layers > 1) out[i] = k;
    }
    return out;
  }

  apply(w1: tf.Tensor, w2: tf.Tensor, training: boolean): tf.Tensor {
    const { layers } = this.options;
    const b = w1.shape[0]!;
    if (!training) return tf.tidy(() => tf.tile(tf.expandDims(w1, 1), [1, layers, 1]));
    const cut = this.crossovers(b);
    const mask = new Float32Array(b * layers);
    for (let i = 0; i < b; i++) for (let l = 0; l < layers; l++) mask[i * layers + l] = l < cut[i]! ? 1 : 0;
    return tf.tidy(() => {
      const m = tf.tensor3d(mask, [b, layers, 1]);
      const a = tf.expandDims(w1, 1);
      const c = tf.expandDims(w2, 1);
      return tf.add(tf.mul(a, m), tf.mul(c, tf.sub(1, m)));
    });
  }
}
