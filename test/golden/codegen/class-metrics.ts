// Generated from test/golden/codegen/class-metrics.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Evaluation metrics beyond accuracy: top-k accuracy (a batch mean) and the metrics counted over
 * the whole set (macro precision, recall, F1 and the confusion matrix, summed as counts).
 *
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
 * The training program `train metrics`; run it with dl.run().
 */
export function metrics(): dl.TrainProgram {
  return {
    name: "metrics",
    source: "test/golden/codegen/class-metrics.dl",
    seed: 0,
    epochs: 2,
    checkpointBest: { metric: "test_f1", mode: "max" },
    build: (rng: dl.Rng) => {
      const net = new Classifier(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.blobs({ n: 100, centers: 5, features: 4 }).batch(20, { shuffle: true, dropLast: false }),
          test: dl.data.blobs({ n: 50, centers: 5, features: 4 }).batch(25, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 15, column: 23 }, () => {
              const t1 = net.apply(x, true);
              const t2 = dl.losses.crossEntropy(t1, y);
              return t2 as tf.Scalar;
            });
          },
        },
        evaluate: {
          over: "test",
          metrics: (batch: tf.Tensor[]) => {
            const [x, y] = batch;
            const logits = net.apply(x, false);
            const t1 = dl.metrics.topKAccuracy(logits, y, 3);
            const t2 = dl.metrics.confusionCounts(logits, y);
            const t3 = dl.metrics.confusionCounts(logits, y);
            const t4 = dl.metrics.confusionCounts(logits, y);
            const t5 = dl.metrics.confusionCounts(logits, y);
            return { top3: t1 as tf.Scalar, precision: t2, recall: t3, f1: t4, confusion: t5 };
          },
          totals: { precision: "precision", recall: "recall", f1: "f1", confusion: "confusion" },
        },
      };
    },
  };
}
