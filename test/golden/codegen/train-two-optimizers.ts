// Generated from test/golden/codegen/train-two-optimizers.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Generator(latent=16) on z: f32[B, 16].
 * Trainable parameters: 52048.
 */
export class Generator extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 16, units: 64, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 784, bias: true });

  apply(z: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(z);
    const t2 = dl.ops.relu(t1);
    const t3 = this.dense_1.apply(t2);
    const t4 = dl.ops.tanh(t3);
    return t4;
  }
}

/**
 * Critic() on x: f32[B, 784].
 * Trainable parameters: 50305.
 */
export class Critic extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 64, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 1, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.leakyRelu(t1, 0.2);
    const t3 = this.dense_1.apply(t2);
    return t3;
  }
}

/**
 * A least-squares GAN: two models, two optimizers, the critic stepped five times per generator step.
 * The training program `train lsgan`; run it with dl.run().
 */
export function lsgan(): dl.TrainProgram {
  return {
    name: "lsgan",
    source: "test/golden/codegen/train-two-optimizers.dl",
    seed: 3,
    epochs: 1,
    checkpointEvery: { epochs: 1 },
    build: (rng: dl.Rng) => {
      const G = new Generator(null, "G", rng.child("G"));
      const D = new Critic(null, "D", rng.child("D"));
      const optD = dl.optim.rmsprop([D], { lr: 0.00005, alpha: 0.99, eps: 1e-8, weightDecay: 0, weightClip: 0.01 });
      const optG = dl.optim.adam([G], { lr: 0.0002, beta1: 0.5, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { G, D },
        optimizers: { optD, optG },
        data: {
          images: dl.data.mnist({ split: "train" }).scale(-1, 1, { field: "x" }).batch(64, { shuffle: true, dropLast: false }),
        },
        loop: {
          over: "images",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x] = batch;
            const B = batch[0]!.shape[0]!;
            s.repeat(5, () => {
              s.minimize(optD, "loss_optD", { line: 23, column: 26 }, () => {
                const t1 = dl.ops.reshape(x, [784]);
                const real = D.apply(t1, true);
                const t2 = dl.ops.mul(real, 0);
                const t3 = dl.ops.add(t2, 1);
                const t4 = dl.losses.mse(real, t3);
                const t5 = dl.random.normal([B, 16], rng.child("loop"), 0, 1);
                const t6 = G.apply(t5, true);
                const t7 = D.apply(t6, true);
                const t8 = dl.ops.mul(real, 0);
                const t9 = dl.losses.mse(t7, t8);
                const t10 = dl.ops.add(t4, t9);
                return t10 as tf.Scalar;
              });
            });
            s.minimize(optG, "loss_optG", { line: 25, column: 24 }, () => {
              const t11 = dl.random.normal([B, 16], rng.child("loop"), 0, 1);
              const t12 = G.apply(t11, true);
              const t13 = D.apply(t12, true);
              const t14 = dl.ops.reshape(x, [784]);
              const real_2 = D.apply(t14, true);
              const t15 = dl.ops.mul(real_2, 0);
              const t16 = dl.ops.add(t15, 1);
              const t17 = dl.losses.mse(t13, t16);
              return t17 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
