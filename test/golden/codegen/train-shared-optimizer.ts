// Generated from test/golden/codegen/train-shared-optimizer.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Encoder() on x: f32[B, 28, 28, 1].
 * Trainable parameters: 50240.
 */
export class Encoder extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 64, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.reshape(x, [784]);
    const t2 = this.dense_0.apply(t1);
    const t3 = dl.ops.relu(t2);
    return t3;
  }
}

/**
 * Decoder() on h: f32[B, 64].
 * Trainable parameters: 650.
 */
export class Decoder extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 64, units: 10, bias: true });

  apply(h: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(h);
    return t1;
  }
}

/**
 * One optimizer over two models: both train together.
 * The training program `train joint`; run it with dl.run().
 */
export function joint(): dl.TrainProgram {
  return {
    name: "joint",
    source: "test/golden/codegen/train-shared-optimizer.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const enc = new Encoder(null, "enc", rng.child("enc"));
      const dec = new Decoder(null, "dec", rng.child("dec"));
      const opt = dl.optim.adam([enc, dec], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { enc, dec },
        optimizers: { opt },
        data: {
          train: dl.data.mnist({ split: "train" }).batch(32, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 19, column: 23 }, () => {
              const t1 = enc.apply(x, true);
              const t2 = dec.apply(t1, true);
              const t3 = dl.losses.crossEntropy(t2, y);
              return t3 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
