// Generated from test/golden/codegen/train-helper-open-input-size.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A helper whose input width is a symbol: the train block's data fixes it (N = 12).
 *
 * Head(classes=3) on x: f32[B, 12].
 * Trainable parameters: 259.
 */
export class Head extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 12, units: 16, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 16, units: 3, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = this.dense_1.apply(t2);
    return t3;
  }
}

/**
 * The training program `train head`; run it with dl.run().
 */
export function head(): dl.TrainProgram {
  return {
    name: "head",
    source: "test/golden/codegen/train-helper-open-input-size.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const net = new Head(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.blobs({ n: 1000, centers: 3, features: 12 }).batch(32, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 13, column: 23 }, () => {
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
