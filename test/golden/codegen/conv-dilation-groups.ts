// Generated from test/golden/codegen/conv-dilation-groups.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Dilated and grouped convolutions, and a convolution without bias before batch normalization.
 *
 * Grouped() on x: f32[B, 32, 32, 8].
 * Trainable parameters: 254330.
 */
export class Grouped extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 8, filters: 16, kernel: [3, 3], stride: [1, 1], padding: "valid", dilation: [2, 2], groups: 1, bias: true });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 16, filters: 32, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 4, bias: true });
  readonly conv2d_2 = new dl.layers.Conv2D(this, "conv2d_2", { inChannels: 32, filters: 32, kernel: [1, 1], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: false });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 32, momentum: 0.1, eps: 0.00001 });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 25088, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.conv2d_1.apply(t1);
    const t3 = this.conv2d_2.apply(t2);
    const t4 = this.batchnorm_0.apply(t3, training);
    const t5 = dl.ops.relu(t4);
    const t6 = dl.ops.reshape(t5, [25088]);
    const t7 = this.dense_0.apply(t6);
    return t7;
  }
}
