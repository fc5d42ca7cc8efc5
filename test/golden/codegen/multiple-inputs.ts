// Generated from test/golden/codegen/multiple-inputs.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Two inputs: an image and side features, merged before the classifier.
 *
 * TwoTower() on image: f32[B, 28, 28, 1], meta: f32[B, 12].
 * Trainable parameters: 13978.
 */
export class TwoTower extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 1, filters: 8, kernel: [3, 3], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 12, units: 16, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 1368, units: 10, bias: true });

  apply(image: tf.Tensor, meta: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(image);
    const t2 = dl.ops.relu(t1);
    const t3 = dl.ops.maxPool(t2, { size: [2, 2], stride: [2, 2], padding: "valid" });
    const a = dl.ops.reshape(t3, [1352]);
    const t4 = this.dense_0.apply(meta);
    const b = dl.ops.relu(t4);
    const t5 = dl.ops.concat([a, b], -1);
    const t6 = this.dense_1.apply(t5);
    return t6;
  }
}
