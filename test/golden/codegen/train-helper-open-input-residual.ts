// Generated from test/golden/codegen/train-helper-open-input-residual.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A residual block whose channels are a symbol: `x + conv2d(dim)(x)` holds only for C = dim, which
 * the declared shapes cannot show, so the block is checked for its use in the loop (C = 4).
 *
 * Res(dim=4) on x: f32[B, 8, 8, 4].
 * Trainable parameters: 148.
 */
export class Res extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 4, filters: 4, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.add(x, t1);
    return t2;
  }
}

/**
 * The training program `train res`; run it with dl.run().
 */
export function res(): dl.TrainProgram {
  return {
    name: "res",
    source: "test/golden/codegen/train-helper-open-input-residual.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const net = new Res(null, "net", rng.child("net"));
      const opt = dl.optim.sgd([net], { lr: 0.01, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.blobs({ n: 8, centers: 2, features: 2 }).batch(2, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const B = batch[0]!.shape[0]!;
            s.minimize(opt, "loss", { line: 15, column: 23 }, () => {
              const t1 = dl.random.normal([B, 8, 8, 4], rng.child("loop"), 0, 1);
              const out = net.apply(t1, true);
              const t2 = dl.ops.mul(out, out);
              const t3 = dl.ops.mean(t2);
              return t3 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
