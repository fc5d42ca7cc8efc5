/**
 * `dl.layers.Conv2DTranspose` (NHWC), as torch.nn.ConvTranspose2d: the kernel is one variable
 * [kh, kw, filters, inChannels] (tfjs layout), so parameter counts equal PyTorch's.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { pytorchDefault, type Initializer } from "./init.js";

/** Static sizes of a transposed convolution. */
export interface Conv2DTransposeOptions {
  inChannels: number;
  filters: number;
  kernel: [number, number];
  stride?: [number, number];
  /** "valid" (PyTorch padding=0), "same" (output = input·stride), or rows/columns cropped from each border. */
  padding?: "same" | "valid" | [[number, number], [number, number]];
  /** PyTorch's output_padding: extra rows and columns at the bottom and right. */
  outputPadding?: number;
  bias?: boolean;
  /** Kernel and bias initializers (fans as PyTorch's ConvTranspose2d); PyTorch's defaults when absent. */
  init?: Initializer;
  biasInit?: Initializer;
}

/** Transposed ("up-") convolution layer. */
export class Conv2DTranspose extends Module {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(parent: Module | null, name: string, readonly options: Conv2DTransposeOptions) {
    super(parent, name);
    const { inChannels, filters, kernel: [kh, kw], bias = true } = options;
    // PyTorch computes fan-in from the weight's second axis: filters·kh·kw.
    const init = pytorchDefault(filters * kh * kw);
    this.kernel = this.param("kernel", [kh, kw, filters, inChannels], options.init ?? init);
    this.bias = bias ? this.param("bias", [filters], options.biasInit ?? init) : null;
  }

  /** Applies the layer to `[B, H, W, inChannels]`. */
  apply(x: tf.Tensor): tf.Tensor4D {
    return tf.tidy(() => {
      const input = x as tf.Tensor4D;
      const [b, h, w] = input.shape;
      const [kh, kw] = this.options.kernel;
      const [sh, sw] = this.options.stride ?? [1, 1];
      const padding = this.options.padding ?? "valid";
      const filter = this.kernel as tf.Tensor4D;
      let y: tf.Tensor4D;
      if (padding === "same") {
        y = tf.conv2dTranspose(input, filter, [b, h * sh, w * sw, this.options.filters], [sh, sw], "same");
      } else {
        // The full transposed convolution, then PyTorch's output_padding (rows no input reaches)
        // and the cropping that PyTorch calls padding.
        y = tf.conv2dTranspose(input, filter, [b, (h - 1) * sh + kh, (w - 1) * sw + kw, this.options.filters], [sh, sw], "valid");
        const extra = this.options.outputPadding ?? 0;
        if (extra) y = tf.pad(y, [[0, 0], [0, extra], [0, extra], [0, 0]]);
        if (Array.isArray(padding)) {
          const [[t, bo], [l, r]] = padding;
          y = tf.slice(y, [0, t, l, 0], [b, y.shape[1] - t - bo, y.shape[2] - l - r, this.options.filters]);
        }
      }
      return this.bias ? tf.add(y, this.bias) : y;
    });
  }
}
