// Generated from test/golden/codegen/train-moons-bce.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Moons() on x: f32[B, 2].
 * Trainable parameters: 82.
 */
export class Moons extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 2, units: 16, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 16, units: 2, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.tanh(t1);
    const t3 = this.dense_1.apply(t2);
    const t4 = dl.ops.softmax(t3, -1);
    return t4;
  }
}

/**
 * Two half moons, one-hot labels, binary cross-entropy on probabilities.
 * The training program `train moons_bce`; run it with dl.run().
 */
export function moons_bce(): dl.TrainProgram {
  return {
    name: "moons_bce",
    source: "test/golden/codegen/train-moons-bce.dl",
    seed: 0,
    epochs: 10,
    build: (rng: dl.Rng) => {
      const net = new Moons(null, "net", rng.child("net"));
      const opt = dl.optim.momentum([net], { lr: 0.05, momentum: 0.8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.moons({ n: 400, noise: 0.2 }).oneHot(2, { field: "y" }).batch(32, { shuffle: true, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 13, column: 23 }, () => {
              const t1 = net.apply(x, true);
              const t2 = dl.losses.bce(t1, y);
              return t2 as tf.Scalar;
            });
          },
        },
        evaluate: {
          over: "train",
          metrics: (batch: tf.Tensor[]) => {
            const [x, y] = batch;
            const t1 = net.apply(x, false);
            const t2 = dl.metrics.accuracy(t1, y);
            const t3 = dl.losses.mse(t1, y);
            return { accuracy: t2 as tf.Scalar, mse: t3 as tf.Scalar };
          },
        },
      };
    },
  };
}
