/** `dl.layers.Dropout`: inverted dropout, seeded from the layer's own stream. */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";

/** Drops each activation with probability `rate` during training and rescales the rest. */
export class Dropout extends Module {
  constructor(parent: Module | null, name: string, readonly options: { rate: number }) {
    super(parent, name);
  }

  /** Identity at inference time. */
  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    if (!training || this.options.rate === 0) return x;
    // Each call draws a new seed so masks differ per step yet replay exactly after a resume.
    return tf.dropout(x, this.options.rate, undefined, this.rng.seed());
  }
}

/**
 * Stochastic depth (timm's `DropPath`, torchvision's `StochasticDepth(mode="row")`): during
 * training each example's whole input is zeroed with probability `rate` and the kept examples are
 * scaled by `1 / (1 − rate)`, so the expectation is unchanged; identity at inference time.
 */
export class DropPath extends Module {
  constructor(parent: Module | null, name: string, readonly options: { rate: number }) {
    super(parent, name);
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const rate = this.options.rate;
    if (!training || rate === 0) return x;
    const keep = 1 - rate;
    // One uniform draw per example, broadcast over its other axes; floor(keep + u) is 1 with probability keep.
    const shape = [x.shape[0]!, ...x.shape.slice(1).map(() => 1)];
    const mask = tf.floor(tf.add(keep, tf.randomUniform(shape, 0, 1, "float32", this.rng.seed())));
    return tf.mul(x, tf.div(mask, keep));
  }
}
