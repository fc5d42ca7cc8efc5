// Generated from test/golden/codegen/train-augment.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A small convnet on 24×24 crops of MNIST: the training set is cropped at random from images
 * padded by 2, flipped, and jittered in brightness and contrast; the test set takes the centre.
 *
 * SmallNet(classes=10) on x: f32[B, 24, 24, 1].
 * Trainable parameters: 9770.
 */
export class SmallNet extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 1, filters: 8, kernel: [3, 3], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 968, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = dl.ops.maxPool(t2, { size: [2, 2], stride: [2, 2], padding: "valid" });
    const t4 = dl.ops.reshape(t3, [968]);
    const t5 = this.dense_0.apply(t4);
    return t5;
  }
}

/**
 * The training program `train augmented`; run it with dl.run().
 */
export function augmented(): dl.TrainProgram {
  return {
    name: "augmented",
    source: "test/golden/codegen/train-augment.dl",
    seed: 3,
    epochs: 2,
    build: (rng: dl.Rng) => {
      const net = new SmallNet(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.mnist({ split: "train" }).randomCrop([24, 24], { padding: 2, field: "x" }).randomFlip({ horizontal: true, vertical: true, p: 0.25, field: "x" }).randomBrightness(0.2, { field: "x" }).randomContrast(0.1, { field: "x" }).noise(0.01, { field: "x" }).batch(64, { shuffle: true, dropLast: false }),
          test: dl.data.mnist({ split: "test" }).centerCrop([24, 24], { field: "x" }).batch(1000, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 22, column: 23 }, () => {
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
