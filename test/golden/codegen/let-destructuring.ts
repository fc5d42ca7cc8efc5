// Generated from test/golden/codegen/let-destructuring.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * `let (a, b) = ...` binds the items of a tuple: tuple literals here, a model's outputs below.
 *
 * Split() on x: f32[B, 8].
 * Trainable parameters: 91.
 */
export class Split extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 8, units: 4, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 8, units: 2, bias: true });
  readonly dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 8, units: 3, bias: true });
  readonly dense_3 = new dl.layers.Dense(this, "dense_3", { inFeatures: 4, units: 2, bias: true });

  apply(x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor, tf.Tensor] {
    const a = this.dense_0.apply(x);
    const b = this.dense_1.apply(x);
    const c = this.dense_2.apply(x);
    const t1 = this.dense_3.apply(a);
    return [t1, c, b];
  }
}

/**
 * Encoder of the variational autoencoder of pytorch/examples: 784-400 with ReLU, then two heads
 * of `latent` units for the mean μ and the log-variance log σ² of q(z | x).
 *
 * VAEEncoder(hidden=400, latent=20) on x: f32[B, 28, 28, 1].
 * Trainable parameters: 330040.
 */
export class VAEEncoder extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 400, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 400, units: 20, bias: true });
  readonly dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 400, units: 20, bias: true });

  apply(x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
    const t1 = dl.ops.reshape(x, [784]);
    const t2 = this.dense_0.apply(t1);
    const h = dl.ops.relu(t2);
    const t3 = this.dense_1.apply(h);
    const t4 = this.dense_2.apply(h);
    return [t3, t4];
  }
}

/**
 * Decoder of the pytorch/examples VAE: latent-400-784 with ReLU and a sigmoid, so each pixel is
 * a Bernoulli probability; reshaped back to 28×28×1.
 *
 * VAEDecoder(hidden=400, latent=20) on z: f32[B, 20].
 * Trainable parameters: 322784.
 */
export class VAEDecoder extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 20, units: 400, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 400, units: 784, bias: true });

  apply(z: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(z);
    const t2 = dl.ops.relu(t1);
    const t3 = this.dense_1.apply(t2);
    const t4 = dl.ops.sigmoid(t3);
    const t5 = dl.ops.reshape(t4, [28, 28, 1]);
    return t5;
  }
}

/**
 * In a training loop, the encoder's (μ, log σ²) is evaluated once and named.
 * The training program `train vae`; run it with dl.run().
 */
export function vae(): dl.TrainProgram {
  return {
    name: "vae",
    source: "test/golden/codegen/let-destructuring.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const enc = new VAEEncoder(null, "enc", rng.child("enc"));
      const dec = new VAEDecoder(null, "dec", rng.child("dec"));
      const opt = dl.optim.adam([enc, dec], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { enc, dec },
        optimizers: { opt },
        data: {
          train: dl.data.mnist({ split: "train" }).batch(128, { shuffle: true, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x] = batch;
            s.minimize(opt, "loss", { line: 21, column: 23 }, () => {
              const [mu, logvar] = enc.apply(x, true);
              const z = dl.reparameterize(mu, logvar, rng.child("loop"));
              const t1 = dec.apply(z, true);
              const t2 = dl.losses.elbo(t1, x, mu, logvar);
              return t2 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
