// Generated from test/golden/codegen/random-in-model.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Noise drawn inside a model uses the batch size of its input.
 *
 * Denoiser(std=0.1) on x: f32[B, 64].
 * Trainable parameters: 8320.
 */
export class Denoiser extends dl.Module {
  readonly dense_0: dl.layers.Dense;
  readonly dense_1: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 64, units: 64, bias: true });
    this.dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 64, bias: true });
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.random.normal([x.shape[0]!, 64], this.rng, 0, 0.1);
    const t2 = dl.ops.add(x, t1);
    const noisy = t2;
    const t3 = dl.random.uniform([x.shape[0]!, 1], 0.9, 1.1, this.rng);
    const jitter = t3;
    const t4 = dl.ops.mul(noisy, jitter);
    const t5 = this.dense_0.apply(t4);
    const t6 = dl.ops.relu(t5);
    const t7 = this.dense_1.apply(t6);
    return t7;
  }
}
