// Generated from test/golden/codegen/train-evaluate-lets.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A model with two outputs; evaluation shares them through lets and reads items of tuples.
 *
 * TwoHeads() on x: f32[B, 28, 28, 1].
 * Trainable parameters: 50955.
 */
export class TwoHeads extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 64, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 10, bias: true });
  readonly dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 64, units: 1, bias: true });

  apply(x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
    const t1 = dl.ops.reshape(x, [784]);
    const t2 = this.dense_0.apply(t1);
    const h = dl.ops.relu(t2);
    const t3 = this.dense_1.apply(h);
    const t4 = this.dense_2.apply(h);
    return [t3, t4];
  }
}

/**
 * The training program `train heads`; run it with dl.run().
 */
export function heads(): dl.TrainProgram {
  return {
    name: "heads",
    source: "test/golden/codegen/train-evaluate-lets.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const net = new TwoHeads(null, "net", rng.child("net"));
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
            s.minimize(opt, "loss", { line: 16, column: 23 }, () => {
              const t1 = net.apply(x, true);
              const t2 = dl.losses.crossEntropy(t1[0], y);
              const t3 = dl.ops.mul(t1[1], t1[1]);
              const t4 = dl.ops.mean(t3);
              const t5 = dl.ops.mul(0.1, t4);
              const t6 = dl.ops.add(t2, t5);
              return t6 as tf.Scalar;
            });
          },
        },
        evaluate: {
          over: "test",
          metrics: (batch: tf.Tensor[]) => {
            const [x, y] = batch;
            const [logits, score] = net.apply(x, false);
            const predicted = dl.ops.argmax(logits, -1);
            const t1 = dl.ops.equal(predicted, y);
            const t2 = dl.ops.cast(t1, "f32");
            const t3 = dl.ops.mean(t2);
            const t4 = dl.ops.softmax(logits, -1);
            const t5 = dl.ops.max(t4, 1, false);
            const t6 = dl.ops.greater(t5, 0.9);
            const t7 = dl.ops.cast(t6, "f32");
            const t8 = dl.ops.mean(t7);
            const t9 = dl.ops.mean(score);
            const t10 = dl.ops.mean(score);
            const t11 = dl.ops.mul(0, t10);
            const t12 = dl.ops.add(t9, t11);
            return { accuracy: t3 as tf.Scalar, confident: t8 as tf.Scalar, mean_score: t12 as tf.Scalar };
          },
        },
      };
    },
  };
}
