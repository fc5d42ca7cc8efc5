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
  readonly embed: dl.layers.Dense;
  readonly dense_0: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.embed = new dl.layers.Dense(this, "embed", { inFeatures: 128, units: 32, bias: true });
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 32, units: 1, bias: true });
  }

  apply(a: tf.Tensor, b: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.embed.apply(a);
    const t2 = dl.ops.relu(t1);
    const ea = t2;
    const t3 = this.embed.apply(b);
    const t4 = dl.ops.relu(t3);
    const eb = t4;
    const t5 = dl.ops.sub(ea, eb);
    const t6 = dl.ops.sub(ea, eb);
    const t7 = dl.ops.mul(t5, t6);
    const t8 = this.dense_0.apply(t7);
    const t9 = dl.ops.sigmoid(t8);
    return t9;
  }
}
