/**
 * `dl.layers.Conv2D` (NHWC) with stride, padding same/valid/explicit, dilation and groups.
 * The kernel is one variable [kh, kw, inChannels/groups, filters], so parameter counts equal
 * torch.nn.Conv2d's; groups run as separate convolutions over channel slices, concatenated.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { pytorchDefault, type Initializer } from "./init.js";

/** "same" (TensorFlow semantics), "valid", or explicit [[top, bottom], [left, right]]. */
export type Padding2D = "same" | "valid" | [[number, number], [number, number]];

/** Static sizes of a Conv2D layer. */
export interface Conv2DOptions {
  inChannels: number;
  filters: number;
  kernel: [number, number];
  stride?: [number, number];
  padding?: Padding2D;
  dilation?: [number, number];
  groups?: number;
  bias?: boolean;
  /** Kernel and bias initializers; PyTorch's defaults when absent. */
  init?: Initializer;
  biasInit?: Initializer;
}

/** 2-D convolution layer; see CONTRACT.md for the options. */
export class Conv2D extends Module {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;
  private readonly stride: [number, number];
  private readonly dilation: [number, number];
  private readonly groups: number;
  private readonly padding: Padding2D;

  constructor(parent: Module | null, name: string, readonly options: Conv2DOptions) {
    super(parent, name);
    const { inChannels, filters, kernel: [kh, kw], bias = true } = options;
    this.stride = options.stride ?? [1, 1];
    this.dilation = options.dilation ?? [1, 1];
    this.groups = options.groups ?? 1;
    this.padding = options.padding ?? "valid";
    if (inChannels % this.groups !== 0 || filters % this.groups !== 0) {
      throw new Error(`${this.path}: groups=${this.groups} must divide inChannels=${inChannels} and filters=${filters}`);
    }
    const init = pytorchDefault((inChannels / this.groups) * kh * kw);
    this.kernel = this.param("kernel", [kh, kw, inChannels / this.groups, filters], options.init ?? init);
    this.bias = bias ? this.param("bias", [filters], options.biasInit ?? init) : null;
  }

  /** Applies the convolution to `[B, H, W, inChannels]`. */
  apply(x: tf.Tensor): tf.Tensor4D {
    const { kernel } = this.options;
    const geometry = { kernel, stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups };
    return convolve2d(x as tf.Tensor4D, this.kernel as tf.Tensor4D, this.bias, geometry);
  }
}

/** The window geometry of a 2-D convolution (Conv2D's options less the channel counts). */
export interface ConvGeometry {
  kernel: [number, number];
  stride: [number, number];
  padding: Padding2D;
  dilation: [number, number];
  groups: number;
}

/**
 * A 2-D convolution of `[B, H, W, C]` with `kernel [kh, kw, C/groups, filters]` (plus `bias`),
 * on every backend: explicit padding, stride with dilation, groups. Shared by Conv2D and Conv1D.
 */
export function convolve2d(x: tf.Tensor4D, kernel: tf.Tensor4D, bias: tf.Tensor | null, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    let input = x;
    let pad: "same" | "valid" = g.padding === "same" ? "same" : "valid";
    let stride = g.stride;
    // tfjs refuses stride > 1 together with dilation > 1, and explicit padding is not supported
    // by every backend's kernel: pad explicitly, convolve at stride 1, then subsample.
    // A dilated convolution is always padded explicitly here and runs at stride 1 through
    // spaceToBatch (see dilatedConv), since tfjs's conv2d has no gradient for dilation > 1.
    const dilated = g.dilation[0] > 1 || g.dilation[1] > 1;
    const bothStrided = (stride[0] > 1 || stride[1] > 1) && dilated;
    if (Array.isArray(g.padding) || bothStrided || dilated) {
      const [[t, b], [l, r]] = explicitPadding(g.padding, input.shape, g.kernel, stride, g.dilation);
      if (t || b || l || r) input = tf.pad(input, [[0, 0], [t, b], [l, r], [0, 0]]);
      pad = "valid";
    }
    const subsample = bothStrided ? stride : null;
    if (subsample) stride = [1, 1];
    const conv = (xi: tf.Tensor4D, k: tf.Tensor4D): tf.Tensor4D =>
      // apply() has already padded explicitly and moved any stride into a subsample when dilated.
      dilated ? dilatedConv(xi, g.dilation, (xs) => tf.conv2d(xs, k, 1, "valid")) : tf.conv2d(xi, k, stride, pad, "NHWC", g.dilation);
    let y: tf.Tensor4D;
    if (g.groups === 1) y = conv(input, kernel);
    else {
      const xs = tf.split(input, g.groups, 3);
      const ks = tf.split(kernel, g.groups, 3);
      y = tf.concat(xs.map((xi, i) => conv(xi as tf.Tensor4D, ks[i] as tf.Tensor4D)), 3);
    }
    if (subsample) y = subsample2d(y, subsample);
    return bias ? tf.add(y, bias) : y;
  });
}

/** Explicit [[top, bottom], [left, right]] padding for any padding mode (TensorFlow's "same"). */
export function explicitPadding(
  padding: Padding2D,
  inShape: number[],
  kernel: [number, number],
  stride: [number, number],
  dilation: [number, number],
): [[number, number], [number, number]] {
  if (Array.isArray(padding)) return padding;
  if (padding === "valid") return [[0, 0], [0, 0]];
  const one = (size: number, k: number, s: number, d: number): [number, number] => {
    const eff = (k - 1) * d + 1;
    const out = Math.ceil(size / s);
    const total = Math.max((out - 1) * s + eff - size, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  };
  return [one(inShape[1]!, kernel[0], stride[0], dilation[0]), one(inShape[2]!, kernel[1], stride[1], dilation[1])];
}

/**
 * A stride-1, padding-"valid" convolution with dilation `d`, computed the way TensorFlow does
 * (`tf.nn.atrous_conv2d` / with_space_to_batch) so that it has gradients: `spaceToBatchND` with
 * block `d` splits the input into d[0]·d[1] phase-shifted sub-images, `conv` (an undilated
 * valid convolution with the same kernel) runs on each, and `batchToSpaceND` interleaves the
 * results back. Pad the input beforehand for "same" or explicit padding. The input is
 * padded at the bottom/right up to a multiple of `d`, and the output cropped by as much.
 * `conv` may be a dense or a depthwise convolution; tfjs has gradients for all three ops.
 */
export function dilatedConv(
  x: tf.Tensor4D,
  d: [number, number],
  conv: (x: tf.Tensor4D) => tf.Tensor4D,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const eh = (d[0] - (h % d[0])) % d[0];
    const ew = (d[1] - (w % d[1])) % d[1];
    const s = tf.spaceToBatchND(x, d, [[0, eh], [0, ew]]) as tf.Tensor4D;
    const y = conv(s);
    return tf.batchToSpaceND(y, d, [[0, eh], [0, ew]]) as tf.Tensor4D;
  });
}

/**
 * Every s-th row and column of `y` from the first (like a strided slice, ceil(H/s) × ceil(W/s)),
 * built from pad, reshape and slice, which have gradients (tfjs's StridedSlice has none).
 */
export function subsample2d(y: tf.Tensor4D, s: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = y.shape;
    const oh = Math.ceil(h / s[0]);
    const ow = Math.ceil(w / s[1]);
    const padded = tf.pad(y, [[0, 0], [0, oh * s[0] - h], [0, ow * s[1] - w], [0, 0]]);
    const split = tf.reshape(padded, [n, oh, s[0], ow, s[1], c]);
    return tf.reshape(tf.slice(split, [0, 0, 0, 0, 0, 0], [n, oh, 1, ow, 1, c]), [n, oh, ow, c]) as tf.Tensor4D;
  });
}
