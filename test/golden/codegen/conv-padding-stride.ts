// Generated from test/golden/codegen/conv-padding-stride.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Strided convolutions with `same` padding halve the image: 32 → 16 → 8 → 4.
 *
 * Downsample() on x: f32[B, 32, 32, 3].
 * Trainable parameters: 31786.
 */
export class Downsample extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 3, filters: 16, kernel: [3, 3], stride: [2, 2], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 16, filters: 32, kernel: [3, 3], stride: [2, 2], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_2 = new dl.layers.Conv2D(this, "conv2d_2", { inChannels: 32, filters: 64, kernel: [3, 1], stride: [2, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 2048, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = this.conv2d_1.apply(t2);
    const t4 = dl.ops.relu(t3);
    const t5 = this.conv2d_2.apply(t4);
    const t6 = dl.ops.relu(t5);
    const t7 = dl.ops.reshape(t6, [2048]);
    const t8 = this.dense_0.apply(t7);
    return t8;
  }
}
