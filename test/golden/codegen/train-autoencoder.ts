// Generated from test/golden/codegen/train-autoencoder.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * AutoEncoder(latent=32) on x: f32[B, 28, 28, 1].
 * Trainable parameters: 50992.
 */
export class AutoEncoder extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 32, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 32, units: 784, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.reshape(x, [784]);
    const t2 = this.dense_0.apply(t1);
    const t3 = dl.ops.relu(t2);
    const t4 = this.dense_1.apply(t3);
    const t5 = dl.ops.sigmoid(t4);
    const t6 = dl.ops.reshape(t5, [28, 28, 1]);
    return t6;
  }
}

/**
 * A denoising autoencoder: noisy inputs, the loss against the input itself; labels are unused.
 * The training program `train denoise`; run it with dl.run().
 */
export function denoise(): dl.TrainProgram {
  return {
    name: "denoise",
    source: "test/golden/codegen/train-autoencoder.dl",
    seed: 0,
    epochs: 3,
    build: (rng: dl.Rng) => {
      const ae = new AutoEncoder(null, "ae", rng.child("ae"));
      const opt = dl.optim.rmsprop([ae], { lr: 0.001, alpha: 0.9, eps: 1e-8, weightDecay: 0, clipNorm: 5 });
      return {
        models: { ae },
        optimizers: { opt },
        data: {
          train: dl.data.mnist({ split: "train" }).noise(0.2, { field: "x" }).batch(128, { shuffle: true, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x] = batch;
            s.minimize(opt, "loss", { line: 14, column: 23 }, () => {
              const recon = ae.apply(x, true);
              const t1 = dl.losses.mse(recon, x);
              return t1 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
