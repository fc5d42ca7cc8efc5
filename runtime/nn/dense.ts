/** `dl.layers.Dense`: y = x·W + b, W stored as [inFeatures, units] (tfjs layout). */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { pytorchDefault, type Initializer } from "./init.js";

/** Static sizes of a Dense layer. */
export interface DenseOptions {
  inFeatures: number;
  units: number;
  bias?: boolean;
  /** Kernel initializer; PyTorch's default U(±1/√in) when absent. */
  init?: Initializer;
  /** Bias initializer; PyTorch's default when absent. */
  biasInit?: Initializer;
}

/** Fully connected layer over the last axis; parameters in*units (+ units), as torch.nn.Linear. */
export class Dense extends Module {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(parent: Module | null, name: string, readonly options: DenseOptions) {
    super(parent, name);
    const { inFeatures, units, bias = true } = options;
    const init = pytorchDefault(inFeatures);
    this.kernel = this.param("kernel", [inFeatures, units], options.init ?? init);
    this.bias = bias ? this.param("bias", [units], options.biasInit ?? init) : null;
  }

  /** Applies the layer to `[..., inFeatures]`. */
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, this.options.inFeatures]);
      let y: tf.Tensor = tf.matMul(flat as tf.Tensor2D, this.kernel as tf.Tensor2D);
      if (this.bias) y = tf.add(y, this.bias);
      return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.options.units]);
    });
  }
}
