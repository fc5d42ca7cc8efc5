// Generated from test/golden/codegen/repeat-stages.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * VGG-style stages by repetition; the index of `repeat(i in a..b)` sets the width.
 *
 * VGGTiny() on x: f32[B, 32, 32, 3].
 * Trainable parameters: 72986.
 */
export class VGGTiny extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 3, filters: 16, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 16, filters: 32, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_2 = new dl.layers.Conv2D(this, "conv2d_2", { inChannels: 32, filters: 48, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 768, units: 64, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 64, bias: true });
  readonly dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 64, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = dl.ops.maxPool(t2, { size: [2, 2], stride: [2, 2], padding: "valid" });
    const t4 = this.conv2d_1.apply(t3);
    const t5 = dl.ops.relu(t4);
    const t6 = dl.ops.maxPool(t5, { size: [2, 2], stride: [2, 2], padding: "valid" });
    const t7 = this.conv2d_2.apply(t6);
    const t8 = dl.ops.relu(t7);
    const t9 = dl.ops.maxPool(t8, { size: [2, 2], stride: [2, 2], padding: "valid" });
    const t10 = dl.ops.reshape(t9, [768]);
    const t11 = this.dense_0.apply(t10);
    const t12 = dl.ops.relu(t11);
    const t13 = this.dense_1.apply(t12);
    const t14 = dl.ops.relu(t13);
    const t15 = this.dense_2.apply(t14);
    return t15;
  }
}
