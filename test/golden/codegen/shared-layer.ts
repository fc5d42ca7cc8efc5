// Generated from test/golden/codegen/shared-layer.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * One embedding applied to two inputs shares its weights; a Siamese distance.
 *
 * Siamese() on a: f32[B, 128], b: f32[B, 128].
 * Trainable parameters: 4161.
 */
export class Siamese extends dl.Module {
  readonly embed = new dl.layers.Dense(this, "embed", { inFeatures: 128, units: 32, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 32, units: 1, bias: true });

  apply(a: tf.Tensor, b: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.embed.apply(a);
    const ea = dl.ops.relu(t1);
    const t2 = this.embed.apply(b);
    const eb = dl.ops.relu(t2);
    const t3 = dl.ops.sub(ea, eb);
    const t4 = dl.ops.sub(ea, eb);
    const t5 = dl.ops.mul(t3, t4);
    const t6 = this.dense_0.apply(t5);
    const t7 = dl.ops.sigmoid(t6);
    return t7;
  }
}
