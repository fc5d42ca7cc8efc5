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
