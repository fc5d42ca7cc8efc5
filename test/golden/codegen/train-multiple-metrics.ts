// Generated from test/golden/codegen/train-multiple-metrics.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Net() on x: f32[B, 28, 28, 1].
 * Trainable parameters: 101770.
 */
export class Net extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 128, bias: true });
  readonly dropout_0 = new dl.layers.Dropout(this, "dropout_0", { rate: 0.2 });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 128, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.reshape(x, [784]);
    const t2 = this.dense_0.apply(t1);
    const t3 = dl.ops.relu(t2);
    const t4 = this.dropout_0.apply(t3, training);
    const t5 = this.dense_1.apply(t4);
    return t5;
  }
}

/**
 * Evaluation with several metrics; one-hot targets in the training loss.
 * The training program `train metrics`; run it with dl.run().
 */
export function metrics(): dl.TrainProgram {
  return {
    name: "metrics",
    source: "test/golden/codegen/train-multiple-metrics.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const net = new Net(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.mnist({ split: "train" }).oneHot(10, { field: "y" }).batch(256, { shuffle: true, dropLast: false }),
          test: dl.data.mnist({ split: "test" }).batch(1000, { shuffle: false, dropLast: false }),
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
            const [images, labels] = batch;
            const t1 = net.apply(images, false);
            const t2 = dl.metrics.accuracy(t1, labels);
            const t3 = dl.losses.crossEntropy(t1, labels);
            return { acc: t2 as tf.Scalar, loss: t3 as tf.Scalar };
          },
        },
      };
    },
  };
}
