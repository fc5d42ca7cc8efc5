// Generated from test/golden/codegen/mlp-mnist.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * The multilayer perceptron of Keras' mnist_mlp example: 784-512-512-10 with ReLU and
 * dropout. 669,706 parameters.
 *
 * MLP(hidden=512, classes=10, rate=0.2) on x: f32[B, 28, 28, 1].
 * Trainable parameters: 669706.
 */
export class MLP extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 512, bias: true });
  readonly dropout_0 = new dl.layers.Dropout(this, "dropout_0", { rate: 0.2 });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 512, units: 512, bias: true });
  readonly dropout_1 = new dl.layers.Dropout(this, "dropout_1", { rate: 0.2 });
  readonly dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 512, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.reshape(x, [784]);
    const t2 = this.dense_0.apply(t1);
    const t3 = dl.ops.relu(t2);
    const t4 = this.dropout_0.apply(t3, training);
    const t5 = this.dense_1.apply(t4);
    const t6 = dl.ops.relu(t5);
    const t7 = this.dropout_1.apply(t6, training);
    const t8 = this.dense_2.apply(t7);
    return t8;
  }
}

/**
 * Trains the MLP on MNIST with Adam.
 * The training program `train mlp`; run it with dl.run().
 */
export function mlp(): dl.TrainProgram {
  return {
    name: "mlp",
    source: "test/golden/codegen/mlp-mnist.dl",
    seed: 1,
    epochs: 3,
    checkpointEvery: { epochs: 1 },
    build: (rng: dl.Rng) => {
      const net = new MLP(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.mnist({ split: "train" }).batch(128, { shuffle: true, dropLast: false }),
          test: dl.data.mnist({ split: "test" }).batch(1000, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 21, column: 23 }, () => {
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
