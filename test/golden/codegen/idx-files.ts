// Generated from test/golden/codegen/idx-files.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Any IDX image/label pair; the declared 28×28×1 shape is checked when the files are read.
 *
 * Net() on x: f32[B, 28, 28, 1].
 * Trainable parameters: 7850.
 */
export class Net extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.reshape(x, [784]);
    const t2 = this.dense_0.apply(t1);
    return t2;
  }
}

/**
 * The training program `train from_idx`; run it with dl.run().
 */
export function from_idx(): dl.TrainProgram {
  return {
    name: "from_idx",
    source: "test/golden/codegen/idx-files.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const net = new Net(null, "net", rng.child("net"));
      const opt = dl.optim.sgd([net], { lr: 0.1, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.idx({ images: "data/train-images-idx3-ubyte.gz", labels: "data/train-labels-idx1-ubyte.gz", shape: [28, 28, 1] }).batch(32, { shuffle: true, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 17, column: 23 }, () => {
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
