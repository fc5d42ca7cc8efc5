// Generated from test/golden/codegen/train-fashion.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Small() on x: f32[B, 28, 28, 1].
 * Trainable parameters: 13610.
 */
export class Small extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 1, filters: 8, kernel: [3, 3], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 1352, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = dl.ops.maxPool(t2, { size: [2, 2], stride: [2, 2], padding: "valid" });
    const t4 = dl.ops.reshape(t3, [1352]);
    const t5 = this.dense_0.apply(t4);
    return t5;
  }
}

/**
 * Fashion-MNIST, standardized, on a subset, checkpointed every 100 steps.
 * The training program `train fashion`; run it with dl.run().
 */
export function fashion(): dl.TrainProgram {
  return {
    name: "fashion",
    source: "test/golden/codegen/train-fashion.dl",
    seed: 7,
    epochs: 2,
    checkpointEvery: { steps: 100 },
    build: (rng: dl.Rng) => {
      const net = new Small(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.002, beta1: 0.85, beta2: 0.999, eps: 1e-7, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.fashionMnist({ split: "train" }).normalize(0.286, 0.353, { field: "x" }).take(6000).batch(100, { shuffle: true, dropLast: false }),
          test: dl.data.fashionMnist({ split: "test" }).normalize(0.286, 0.353, { field: "x" }).batch(500, { shuffle: false, dropLast: false }),
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
            const t1 = net.apply(x, false);
            const t2 = dl.metrics.accuracy(t1, y);
            return { accuracy: t2 as tf.Scalar };
          },
        },
      };
    },
  };
}
