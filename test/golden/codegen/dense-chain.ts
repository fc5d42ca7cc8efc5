// Generated from test/golden/codegen/dense-chain.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Three fully connected layers on flat features.
 *
 * Tabular(features=20, classes=3) on x: f32[B, 20].
 * Trainable parameters: 3523.
 */
export class Tabular extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 20, units: 64, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 32, bias: true });
  readonly dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 32, units: 3, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = this.dense_1.apply(t2);
    const t4 = dl.ops.relu(t3);
    const t5 = this.dense_2.apply(t4);
    return t5;
  }
}
