// Generated from test/golden/codegen/train-schedules.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Classifier() on x: f32[B, 4].
 * Trainable parameters: 165.
 */
export class Classifier extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 16, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 16, units: 5, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.gelu(t1);
    const t3 = this.dense_1.apply(t2);
    return t3;
  }
}

/**
 * Every learning-rate schedule, SGD with Nesterov momentum and AdamW, one optimizer each.
 * The training program `train schedules`; run it with dl.run().
 */
export function schedules(): dl.TrainProgram {
  return {
    name: "schedules",
    source: "test/golden/codegen/train-schedules.dl",
    seed: 3,
    epochs: 6,
    build: (rng: dl.Rng) => {
      const a = new Classifier(null, "a", rng.child("a"));
      const b = new Classifier(null, "b", rng.child("b"));
      const c = new Classifier(null, "c", rng.child("c"));
      const d = new Classifier(null, "d", rng.child("d"));
      const e = new Classifier(null, "e", rng.child("e"));
      const f = new Classifier(null, "f", rng.child("f"));
      const optA = dl.optim.sgd([a], { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0, schedule: dl.schedules.step({ every: 2, gamma: 0.5 }) });
      const optB = dl.optim.sgd([b], { lr: 0.1, momentum: 0.9, weightDecay: 0, schedule: dl.schedules.multistep({ milestones: [2, 4], gamma: 0.1 }) });
      const optC = dl.optim.adamw([c], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05, schedule: dl.schedules.exponential({ gamma: 0.99, unit: "step" }) });
      const optD = dl.optim.adam([d], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, schedule: dl.schedules.cosine({ total: 6, min: 0.00001 }) });
      const optE = dl.optim.adamw([e], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, schedule: dl.schedules.warmup({ steps: 20, then: dl.schedules.cosine({ total: 100, min: 0, unit: "step" }) }) });
      const optF = dl.optim.sgd([f], { lr: 0.5, momentum: 0.9, weightDecay: 0, schedule: dl.schedules.oneCycle({ total: 60, pctStart: 0.25, divFactor: 25, finalDivFactor: 10000 }) });
      return {
        models: { a, b, c, d, e, f },
        optimizers: { optA, optB, optC, optD, optE, optF },
        data: {
          points: dl.data.blobs({ n: 400, centers: 5, features: 4 }).batch(40, { shuffle: true, dropLast: false }),
        },
        loop: {
          over: "points",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(optA, "loss_optA", { line: 24, column: 24 }, () => {
              const t1 = a.apply(x, true);
              const t2 = dl.losses.crossEntropy(t1, y);
              return t2 as tf.Scalar;
            });
            s.minimize(optB, "loss_optB", { line: 25, column: 24 }, () => {
              const t3 = b.apply(x, true);
              const t4 = dl.losses.crossEntropy(t3, y);
              return t4 as tf.Scalar;
            });
            s.minimize(optC, "loss_optC", { line: 26, column: 24 }, () => {
              const t5 = c.apply(x, true);
              const t6 = dl.losses.crossEntropy(t5, y);
              return t6 as tf.Scalar;
            });
            s.minimize(optD, "loss_optD", { line: 27, column: 24 }, () => {
              const t7 = d.apply(x, true);
              const t8 = dl.losses.crossEntropy(t7, y);
              return t8 as tf.Scalar;
            });
            s.minimize(optE, "loss_optE", { line: 28, column: 24 }, () => {
              const t9 = e.apply(x, true);
              const t10 = dl.losses.crossEntropy(t9, y);
              return t10 as tf.Scalar;
            });
            s.minimize(optF, "loss_optF", { line: 29, column: 24 }, () => {
              const t11 = f.apply(x, true);
              const t12 = dl.losses.crossEntropy(t11, y);
              return t12 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
