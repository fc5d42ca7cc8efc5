// Generated from test/golden/codegen/lenet-mnist.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * LeNet-5 (LeCun et al. 1998) on 32×32 grayscale digits: two convolution and
 * average-pooling stages, then three fully connected layers. 61,706 parameters.
 *
 * LeNet5(classes=10) on x: f32[B, 32, 32, 1].
 * Trainable parameters: 61706.
 */
export class LeNet5 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 1, filters: 6, kernel: [5, 5], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 6, filters: 16, kernel: [5, 5], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 400, units: 120, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 120, units: 84, bias: true });
  readonly dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 84, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.tanh(t1);
    const t3 = dl.ops.avgPool(t2, { size: [2, 2], stride: [2, 2], padding: "valid" });
    const t4 = this.conv2d_1.apply(t3);
    const t5 = dl.ops.tanh(t4);
    const t6 = dl.ops.avgPool(t5, { size: [2, 2], stride: [2, 2], padding: "valid" });
    const t7 = dl.ops.reshape(t6, [400]);
    const t8 = this.dense_0.apply(t7);
    const t9 = dl.ops.tanh(t8);
    const t10 = this.dense_1.apply(t9);
    const t11 = dl.ops.tanh(t10);
    const t12 = this.dense_2.apply(t11);
    return t12;
  }
}

/**
 * Trains LeNet-5 on MNIST, padded from 28×28 to 32×32 as in the paper.
 * The training program `train lenet`; run it with dl.run().
 */
export function lenet(): dl.TrainProgram {
  return {
    name: "lenet",
    source: "test/golden/codegen/lenet-mnist.dl",
    seed: 1,
    epochs: 3,
    checkpointEvery: { epochs: 1 },
    build: (rng: dl.Rng) => {
      const net = new LeNet5(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.mnist({ split: "train" }).pad(2, { field: "x" }).batch(64, { shuffle: true, dropLast: false }),
          test: dl.data.mnist({ split: "test" }).pad(2, { field: "x" }).batch(1000, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 23, column: 23 }, () => {
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
            const t3 = dl.losses.crossEntropy(t1, y);
            return { accuracy: t2 as tf.Scalar, loss: t3 as tf.Scalar };
          },
        },
      };
    },
  };
}
