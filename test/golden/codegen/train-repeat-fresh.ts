// Generated from test/golden/codegen/train-repeat-fresh.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Critic() on x: f32[B, 2].
 * Trainable parameters: 3.
 */
export class Critic extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 2, units: 1, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    return t1;
  }
}

/**
 * `repeat 3 fresh`: each critic step takes the next batch of `points`; the generator's step sees
 * the batch its iteration started with. 95 examples in batches of 10 make 10 batches an epoch,
 * the last of 5: four loop steps of 3, 3, 3 and 1 critic steps (the data runs out in the last).
 * Each loss is the batch's mean (the other terms are zero; the noise has the batch's size B), so a
 * trace shows which batch a step saw.
 * The training program `train fresh`; run it with dl.run().
 */
export function fresh(): dl.TrainProgram {
  return {
    name: "fresh",
    source: "test/golden/codegen/train-repeat-fresh.dl",
    seed: 1,
    epochs: 2,
    checkpointEvery: { steps: 1 },
    build: (rng: dl.Rng) => {
      const D = new Critic(null, "D", rng.child("D"));
      const G = new Critic(null, "G", rng.child("G"));
      const optD = dl.optim.sgd([D], { lr: 0.01, weightDecay: 0 });
      const optG = dl.optim.sgd([G], { lr: 0.01, weightDecay: 0 });
      return {
        models: { D, G },
        optimizers: { optD, optG },
        data: {
          points: dl.data.blobs({ n: 95, centers: 2, features: 2 }).batch(10, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "points",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x] = batch;
            s.repeatFresh(3, batch, (batch) => {
              const [x] = batch;
              const B = batch[0]!.shape[0]!;
              s.minimize(optD, "loss_optD", { line: 21, column: 26 }, () => {
                const t1 = dl.random.normal([B, 2], rng.child("loop"), 0, 1);
                const t2 = dl.ops.mul(0, t1);
                const t3 = dl.ops.add(x, t2);
                const t4 = dl.ops.mean(t3);
                const t5 = D.apply(x, true);
                const t6 = dl.ops.mean(t5);
                const t7 = dl.ops.mul(0, t6);
                const t8 = dl.ops.add(t4, t7);
                return t8 as tf.Scalar;
              });
            });
            s.minimize(optG, "loss_optG", { line: 23, column: 24 }, () => {
              const t9 = dl.ops.mean(x);
              const t10 = G.apply(x, true);
              const t11 = dl.ops.mean(t10);
              const t12 = dl.ops.mul(0, t11);
              const t13 = dl.ops.add(t9, t12);
              return t13 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
