// Generated from test/golden/codegen/train-blobs-sgd.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Classifier() on x: f32[B, 4].
 * Trainable parameters: 165.
 */
export class Classifier extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 16, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 16, units: 5, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = this.dense_1.apply(t2);
    return t3;
  }
}

/**
 * Gaussian blobs with plain SGD.
 * The training program `train blobs_sgd`; run it with dl.run().
 */
export function blobs_sgd(): dl.TrainProgram {
  return {
    name: "blobs_sgd",
    source: "test/golden/codegen/train-blobs-sgd.dl",
    seed: 42,
    epochs: 5,
    build: (rng: dl.Rng) => {
      const net = new Classifier(null, "net", rng.child("net"));
      const opt = dl.optim.sgd([net], { lr: 0.1, weightDecay: 0.0001 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          points: dl.data.blobs({ n: 500, centers: 5, features: 4 }).batch(50, { shuffle: true, dropLast: true }),
        },
        loop: {
          over: "points",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 14, column: 23 }, () => {
              const t1 = net.apply(x, true);
              const t2 = dl.losses.crossEntropy(t1, y);
              return t2 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
