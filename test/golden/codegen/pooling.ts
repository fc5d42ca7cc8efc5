// Generated from test/golden/codegen/pooling.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Max pooling with overlapping windows (AlexNet) and average pooling with `same` padding.
 *
 * Pools() on x: f32[B, 55, 55, 16].
 * Trainable parameters: 15690.
 */
export class Pools extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 1568, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.maxPool(x, { size: [3, 3], stride: [2, 2], padding: "valid" });
    const t2 = dl.ops.avgPool(t1, { size: [2, 2], stride: [2, 2], padding: "same" });
    const t3 = dl.ops.maxPool(t2, { size: [2, 1], stride: [2, 1], padding: "valid" });
    const t4 = dl.ops.reshape(t3, [1568]);
    const t5 = this.dense_0.apply(t4);
    return t5;
  }
}
