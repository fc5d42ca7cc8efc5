/**
 * `dl.layers.Conv1D` over channels-last sequences `[B, T, C]`, as torch.nn.Conv1d: one kernel
 * variable `[k, inChannels/groups, filters]`, run as a 2-D convolution over rows of height 1.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { convolve2d } from "./conv2d.js";
import { pytorchDefault, type Initializer } from "./init.js";

/** Static sizes of a Conv1D layer; `padding` is "same", "valid" or zeros at both ends. */
export interface Conv1DOptions {
  inChannels: number;
  filters: number;
  kernel: number;
  stride?: number;
  padding?: "same" | "valid" | number;
  dilation?: number;
  groups?: number;
  bias?: boolean;
  /** Kernel and bias initializers; PyTorch's defaults when absent. */
  init?: Initializer;
  biasInit?: Initializer;
}

/** 1-D convolution layer. */
export class Conv1D extends Module {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(parent: Module | null, name: string, readonly options: Conv1DOptions) {
    super(parent, name);
    const { inChannels, filters, kernel, groups = 1, bias = true } = options;
    if (inChannels % groups !== 0 || filters % groups !== 0) {
      throw new Error(`${this.path}: groups=${groups} must divide inChannels=${inChannels} and filters=${filters}`);
    }
    const init = pytorchDefault((inChannels / groups) * kernel);
    this.kernel = this.param("kernel", [kernel, inChannels / groups, filters], options.init ?? init);
    this.bias = bias ? this.param("bias", [filters], options.biasInit ?? init) : null;
  }

  /** Applies the convolution to `[B, T, inChannels]`. */
  apply(x: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => {
      const { kernel, stride = 1, padding = "valid", dilation = 1, groups = 1 } = this.options;
      const [b, t, c] = x.shape as [number, number, number];
      const k = tf.reshape(this.kernel, [1, ...(this.kernel.shape as [number, number, number])]) as tf.Tensor4D;
      const pad = typeof padding === "number" ? ([[0, 0], [padding, padding]] as [[number, number], [number, number]]) : padding;
      const geometry = { kernel: [1, kernel] as [number, number], stride: [1, stride] as [number, number], padding: pad, dilation: [1, dilation] as [number, number], groups };
      const y = convolve2d(tf.reshape(x, [b, 1, t, c]) as tf.Tensor4D, k, this.bias, geometry);
      return tf.reshape(y, [b, y.shape[2], y.shape[3]]) as tf.Tensor3D;
    });
  }
}
