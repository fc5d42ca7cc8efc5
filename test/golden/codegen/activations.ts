// Generated from test/golden/codegen/activations.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Every activation of the registry, each on its own branch.
 *
 * Activations() on x: f32[B, 16].
 * Trainable parameters: 113.
 */
export class Activations extends dl.Module {
  readonly dense_0: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 112, units: 1, bias: true });
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.relu(x);
    const a = t1;
    const t2 = dl.ops.tanh(x);
    const b = t2;
    const t3 = dl.ops.sigmoid(x);
    const c = t3;
    const t4 = dl.ops.leakyRelu(x, 0.2);
    const d = t4;
    const t5 = dl.ops.leakyRelu(x, 0.01);
    const e = t5;
    const t6 = dl.ops.softmax(x, -1);
    const f = t6;
    const t7 = dl.ops.softmax(x, 0);
    const g = t7;
    const t8 = dl.ops.concat([a, b, c, d, e, f, g], -1);
    const t9 = this.dense_0.apply(t8);
    return t9;
  }
}
