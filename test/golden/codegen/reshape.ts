// Generated from test/golden/codegen/reshape.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A decoder head: features reshaped to an image, with one inferred axis.
 *
 * Reshapes() on z: f32[B, 784].
 * Trainable parameters: 5090.
 */
export class Reshapes extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 16, filters: 8, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 392, units: 10, bias: true });

  apply(z: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.reshape(z, [7, 7, 16]);
    const t2 = this.conv2d_0.apply(t1);
    const t3 = dl.ops.reshape(t2, [49, 8]);
    const t4 = dl.ops.reshape(t3, [392]);
    const t5 = this.dense_0.apply(t4);
    return t5;
  }
}
