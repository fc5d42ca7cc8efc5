// Generated from test/golden/codegen/train-param-groups.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Body() on x: f32[B, 4].
 * Trainable parameters: 352.
 */
export class Body extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 16, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 16, units: 16, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = this.dense_1.apply(t2);
    const t4 = dl.ops.relu(t3);
    return t4;
  }
}

/**
 * Net(classes=5) on x: f32[B, 4].
 * Trainable parameters: 437.
 */
export class Net extends dl.Module {
  readonly body_0 = new Body(this, "body_0");
  readonly head = new dl.layers.Dense(this, "head", { inFeatures: 16, units: 5, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.body_0.apply(x, training);
    const t2 = this.head.apply(t1);
    return t2;
  }
}

/**
 * Parameter groups: the body at a tenth of the head's rate without weight decay, the head's bias
 * in a group of its own; a schedule scales every group from its own base rate. A third model is
 * split between two optimizers, SGD for its body and Adam for its head (groups sharing no weight).
 * The training program `train param_groups`; run it with dl.run().
 */
export function param_groups(): dl.TrainProgram {
  return {
    name: "param_groups",
    source: "test/golden/codegen/train-param-groups.dl",
    seed: 2,
    epochs: 4,
    build: (rng: dl.Rng) => {
      const net = new Net(null, "net", rng.child("net"));
      const aux = new Net(null, "aux", rng.child("aux"));
      const split = new Net(null, "split", rng.child("split"));
      const opt = dl.optim.adamw([net], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, schedule: dl.schedules.cosine({ total: 4, min: 0 }), groups: [{ model: net, path: "body_0", lr: 0.0001, weightDecay: 0 }, { model: net, path: "head.kernel" }, { model: net, path: "head.bias", lr: 0.003 }] });
      const plain = dl.optim.sgd([aux], { lr: 0.1, weightDecay: 0 });
      const lower = dl.optim.sgd([split], { lr: 0.05, momentum: 0.9, weightDecay: 0, groups: [{ model: split, path: "body_0" }] });
      const upper = dl.optim.adam([split], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, groups: [{ model: split, path: "head" }] });
      return {
        models: { net, aux, split },
        optimizers: { opt, plain, lower, upper },
        data: {
          points: dl.data.blobs({ n: 200, centers: 5, features: 4 }).batch(40, { shuffle: true, dropLast: false }),
        },
        loop: {
          over: "points",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss_opt", { line: 27, column: 23 }, () => {
              const t1 = net.apply(x, true);
              const t2 = dl.losses.crossEntropy(t1, y);
              return t2 as tf.Scalar;
            });
            s.minimize(plain, "loss_plain", { line: 28, column: 25 }, () => {
              const t3 = aux.apply(x, true);
              const t4 = dl.losses.crossEntropy(t3, y);
              return t4 as tf.Scalar;
            });
            s.minimize(lower, "loss_lower", { line: 29, column: 25 }, () => {
              const t5 = split.apply(x, true);
              const t6 = dl.losses.crossEntropy(t5, y);
              return t6 as tf.Scalar;
            });
            s.minimize(upper, "loss_upper", { line: 30, column: 25 }, () => {
              const t7 = split.apply(x, true);
              const t8 = dl.losses.crossEntropy(t7, y);
              return t8 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
