// Generated from test/golden/codegen/train-best-early-stop.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Classifier() on x: f32[B, 4].
 * Trainable parameters: 131.
 */
export class Classifier extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 16, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 16, units: 3, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = this.dense_1.apply(t2);
    return t3;
  }
}

/**
 * Keeps the checkpoint of the best test accuracy and stops when the test loss stalls.
 * The training program `train blobs_best`; run it with dl.run().
 */
export function blobs_best(): dl.TrainProgram {
  return {
    name: "blobs_best",
    source: "test/golden/codegen/train-best-early-stop.dl",
    seed: 0,
    epochs: 20,
    checkpointEvery: { epochs: 1 },
    checkpointBest: { metric: "held_accuracy", mode: "max" },
    stopEarly: { metric: "held_loss", mode: "min", patience: 3 },
    build: (rng: dl.Rng) => {
      const net = new Classifier(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          points: dl.data.blobs({ n: 300, centers: 3, features: 4 }).batch(50, { shuffle: true, dropLast: false }),
          held: dl.data.blobs({ n: 90, centers: 3, features: 4 }).batch(90, { shuffle: false, dropLast: false }),
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
        evaluate: {
          over: "held",
          metrics: (batch: tf.Tensor[]) => {
            const [x, y] = batch;
            const t1 = net.apply(x, false);
            const t2 = dl.metrics.accuracy(t1, y);
            const t3 = dl.losses.crossEntropy(t1, y);
            return { accuracy: t2 as tf.Scalar, loss: t3 as tf.Scalar };
          },
        },
      };
    },
  };
}
