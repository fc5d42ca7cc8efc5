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
  readonly dense_0: dl.layers.Dense;
  readonly dense_1: dl.layers.Dense;
  readonly dense_2: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 64, bias: true });
    this.dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 10, bias: true });
    this.dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 64, units: 1, bias: true });
  }

  apply(x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
    const t1 = dl.ops.reshape(x, [784]);
    const t2 = this.dense_0.apply(t1);
    const t3 = dl.ops.relu(t2);
    const h = t3;
    const t4 = this.dense_1.apply(h);
    const t5 = this.dense_2.apply(h);
    return [t4, t5];
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
            const B = batch[0]!.shape[0]!;
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
            const B = batch[0]!.shape[0]!;
            const t7 = net.apply(x, false);
            const logits = t7[0];
            const score = t7[1];
            const t8 = dl.ops.argmax(logits, -1);
            const predicted = t8;
            const t9 = dl.ops.equal(predicted, y);
            const t10 = dl.ops.cast(t9, "f32");
            const t11 = dl.ops.mean(t10);
            const t12 = dl.ops.softmax(logits, -1);
            const t13 = dl.ops.max(t12, 1, false);
            const t14 = dl.ops.greater(t13, 0.9);
            const t15 = dl.ops.cast(t14, "f32");
            const t16 = dl.ops.mean(t15);
            const t17 = dl.ops.mean(t7[1]);
            const t18 = dl.ops.mean(score);
            const t19 = dl.ops.mul(0, t18);
            const t20 = dl.ops.add(t17, t19);
            return { accuracy: t11 as tf.Scalar, confident: t16 as tf.Scalar, mean_score: t20 as tf.Scalar };
          },
        },
      };
    },
  };
}
