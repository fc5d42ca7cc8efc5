/**
 * `dl.layers.DepthwiseConv2D` (torch.nn.Conv2d with groups = inChannels) and
 * `dl.layers.SeparableConv2D` (depthwise without bias, then a 1×1 pointwise convolution).
 */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { dilatedConv, explicitPadding, subsample2d, type Padding2D } from "./conv2d.js";
import { pytorchDefault } from "./init.js";

/** Window options shared by the depthwise layers. */
export interface DepthwiseWindow {
  inChannels: number;
  kernel: [number, number];
  stride?: [number, number];
  padding?: Padding2D;
  dilation?: [number, number];
  multiplier?: number;
  bias?: boolean;
}

/** Depthwise convolution of `x` with `filter` [kh, kw, C, m]: explicit padding, and subsampling when strided and dilated. */
function depthwise(x: tf.Tensor4D, filter: tf.Tensor4D, o: DepthwiseWindow): tf.Tensor4D {
  const stride = o.stride ?? [1, 1];
  const dilation = o.dilation ?? [1, 1];
  const [[t, b], [l, r]] = explicitPadding(o.padding ?? "valid", x.shape, o.kernel, stride, dilation);
  const input = t || b || l || r ? tf.pad(x, [[0, 0], [t, b], [l, r], [0, 0]]) : x;
  // tfjs refuses stride > 1 together with dilation > 1: convolve densely, then subsample (with gradients).
  const both = (stride[0] > 1 || stride[1] > 1) && (dilation[0] > 1 || dilation[1] > 1);
  // tfjs has no depthwise gradient for dilation > 1: go through spaceToBatch (see dilatedConv).
  const dilated = dilation[0] > 1 || dilation[1] > 1;
  const y = dilated
    ? dilatedConv(input, dilation, (xs) => tf.depthwiseConv2d(xs, filter, 1, "valid"))
    : tf.depthwiseConv2d(input, filter, stride, "valid");
  return both ? subsample2d(y, stride) : y;
}

/** Depthwise convolution: every input channel convolved with its own `multiplier` filters. */
export class DepthwiseConv2D extends Module {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(parent: Module | null, name: string, readonly options: DepthwiseWindow) {
    super(parent, name);
    const { inChannels, kernel: [kh, kw], multiplier = 1, bias = true } = options;
    const init = pytorchDefault(kh * kw);
    this.kernel = this.param("kernel", [kh, kw, inChannels, multiplier], init);
    this.bias = bias ? this.param("bias", [inChannels * multiplier], init) : null;
  }

  /** Applies the layer to `[B, H, W, inChannels]`. */
  apply(x: tf.Tensor): tf.Tensor4D {
    return tf.tidy(() => {
      const y = depthwise(x as tf.Tensor4D, this.kernel as tf.Tensor4D, this.options);
      return this.bias ? tf.add(y, this.bias) : y;
    });
  }
}

/** Options of a separable convolution: the depthwise window and the pointwise filters. */
export interface SeparableConv2DOptions extends DepthwiseWindow {
  filters: number;
}

/** Depthwise-separable convolution (Xception, MobileNet). */
export class SeparableConv2D extends Module {
  readonly depthwise: tf.Variable;
  readonly pointwise: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(parent: Module | null, name: string, readonly options: SeparableConv2DOptions) {
    super(parent, name);
    const { inChannels, filters, kernel: [kh, kw], multiplier = 1, bias = true } = options;
    this.depthwise = this.param("depthwise", [kh, kw, inChannels, multiplier], pytorchDefault(kh * kw));
    const pointInit = pytorchDefault(inChannels * multiplier);
    this.pointwise = this.param("pointwise", [1, 1, inChannels * multiplier, filters], pointInit);
    this.bias = bias ? this.param("bias", [filters], pointInit) : null;
  }

  /** Applies the layer to `[B, H, W, inChannels]`. */
  apply(x: tf.Tensor): tf.Tensor4D {
    return tf.tidy(() => {
      const d = depthwise(x as tf.Tensor4D, this.depthwise as tf.Tensor4D, this.options);
      const y = tf.conv2d(d, this.pointwise as tf.Tensor4D, 1, "valid");
      return this.bias ? tf.add(y, this.bias) : y;
    });
  }
}
