// Generated from test/golden/codegen/multiple-outputs.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A VAE encoder returns the mean and the log-variance of the latent code.
 *
 * Encoder(latent=20) on x: f32[B, 784].
 * Trainable parameters: 330040.
 */
export class Encoder extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 400, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 400, units: 20, bias: true });
  readonly dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 400, units: 20, bias: true });

  apply(x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
    const t1 = this.dense_0.apply(x);
    const h = dl.ops.relu(t1);
    const t2 = this.dense_1.apply(h);
    const t3 = this.dense_2.apply(h);
    return [t2, t3];
  }
}

/**
 * VAE(latent=20) on x: f32[B, 784].
 * Trainable parameters: 330040.
 */
export class VAE extends dl.Module {
  readonly encoder_0 = new Encoder(this, "encoder_0");

  apply(x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
    const t1 = this.encoder_0.apply(x, training);
    return [t1[0], t1[1]];
  }
}
