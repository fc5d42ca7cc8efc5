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
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 64, units: 64, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 64, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.random.normal([x.shape[0]!, 64], this.rng, 0, 0.1);
    const noisy = dl.ops.add(x, t1);
    const jitter = dl.random.uniform([x.shape[0]!, 1], 0.9, 1.1, this.rng);
    const t2 = dl.ops.mul(noisy, jitter);
    const t3 = this.dense_0.apply(t2);
    const t4 = dl.ops.relu(t3);
    const t5 = this.dense_1.apply(t4);
    return t5;
  }
}
