// Generated from test/golden/codegen/train-init-freeze.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A body with batch norm, shared by the pretraining and the fine-tuning.
 *
 * Body() on x: f32[B, 2].
 * Trainable parameters: 352.
 */
export class Body extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 2, units: 16, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 16, momentum: 0.1, eps: 0.00001 });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 16, units: 16, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    const t4 = this.dense_1.apply(t3);
    const t5 = dl.ops.relu(t4);
    return t5;
  }
}

/**
 * Net(classes=4) on x: f32[B, 2].
 * Trainable parameters: 421.
 */
export class Net extends dl.Module {
  readonly scale = this.param("scale", [1], dl.init.ones);
  readonly body_0 = new Body(this, "body_0");
  readonly head = new dl.layers.Dense(this, "head", { inFeatures: 16, units: 4, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.body_0.apply(x, training);
    const t2 = this.head.apply(t1);
    const t3 = dl.ops.mul(t2, this.scale);
    return t3;
  }
}

/**
 * Net(classes=2) on x: f32[B, 2].
 * Trainable parameters: 387.
 */
export class Net_2 extends dl.Module {
  readonly scale = this.param("scale", [1], dl.init.ones);
  readonly body_0 = new Body(this, "body_0");
  readonly head = new dl.layers.Dense(this, "head", { inFeatures: 16, units: 2, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.body_0.apply(x, training);
    const t2 = this.head.apply(t1);
    const t3 = dl.ops.mul(t2, this.scale);
    return t3;
  }
}

/**
 * The training program `train pretrain`; run it with dl.run().
 */
export function pretrain(): dl.TrainProgram {
  return {
    name: "pretrain",
    source: "test/golden/codegen/train-init-freeze.dl",
    seed: 0,
    epochs: 2,
    checkpointEvery: { epochs: 2 },
    build: (rng: dl.Rng) => {
      const net = new Net(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          points: dl.data.blobs({ n: 200, centers: 4, features: 2 }).batch(50, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "points",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 20, column: 23 }, () => {
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

/**
 * Fine-tunes a new two-class head on the pretrained body, frozen (its batch norm infers), and a
 * second copy started from a run folder with only its first layer frozen.
 * The training program `train finetune`; run it with dl.run().
 */
export function finetune(): dl.TrainProgram {
  return {
    name: "finetune",
    source: "test/golden/codegen/train-init-freeze.dl",
    seed: 0,
    epochs: 1,
    checkpointEvery: { epochs: 1 },
    init: [
      { model: "net", from: {"train":"pretrain","model":"net"}, except: ["head"], at: { line: 30, column: 3 } },
      { model: "copy", from: {"run":"runs/train-init-freeze-pretrain"}, except: ["head","scale"], at: { line: 31, column: 3 } },
    ],
    build: (rng: dl.Rng) => {
      const net = new Net_2(null, "net", rng.child("net"));
      const copy = new Net_2(null, "copy", rng.child("copy"));
      net.freezeNamed("body_0");
      net.freezeNamed("scale");
      copy.freezeNamed("body_0.dense_0");
      const opt = dl.optim.adam([net, copy], { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net, copy },
        optimizers: { opt },
        data: {
          moon: dl.data.moons({ n: 200, noise: 0.1 }).batch(50, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "moon",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 36, column: 23 }, () => {
              const t1 = net.apply(x, true);
              const t2 = dl.losses.crossEntropy(t1, y);
              const t3 = copy.apply(x, true);
              const t4 = dl.losses.crossEntropy(t3, y);
              const t5 = dl.ops.add(t2, t4);
              return t5 as tf.Scalar;
            });
          },
        },
      };
    },
  };
}
