// Generated from test/golden/codegen/comments-and-docs.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A doc comment with *markdown*, `code` and a list:
 * - first item
 * - second item
 *
 * After an empty doc line.
 *
 * Documented() on x: f32[B, 8].
 * Trainable parameters: 18.
 */
export class Documented extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 8, units: 2, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    return t1;
  }
}

/**
 * Doc of a train block.
 * The training program `train documented`; run it with dl.run().
 */
export function documented(): dl.TrainProgram {
  return {
    name: "documented",
    source: "test/golden/codegen/comments-and-docs.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const net = new Documented(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.blobs({ n: 1000, centers: 2, features: 8 }).batch(10, { shuffle: false, dropLast: false }),
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
      };
    },
  };
}
