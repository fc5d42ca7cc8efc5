// Generated from test/golden/codegen/conv-explicit-padding.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Explicit padding: one int, a pair, and per-side amounts.
 *
 * Padded() on x: f32[B, 28, 28, 1].
 * Trainable parameters: 60522.
 */
export class Padded extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 1, filters: 8, kernel: [3, 3], stride: [1, 1], padding: [[1, 1], [1, 1]], dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 8, filters: 8, kernel: [5, 5], stride: [1, 1], padding: [[2, 2], [1, 1]], dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_2 = new dl.layers.Conv2D(this, "conv2d_2", { inChannels: 8, filters: 8, kernel: [3, 3], stride: [1, 1], padding: [[0, 2], [1, 1]], dilation: [1, 1], groups: 1, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 5824, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.conv2d_1.apply(t1);
    const t3 = this.conv2d_2.apply(t2);
    const t4 = dl.ops.reshape(t3, [5824]);
    const t5 = this.dense_0.apply(t4);
    return t5;
  }
}
