// Generated from test/golden/codegen/hostile-identifiers.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Names that are reserved words, generated names or runtime names in TypeScript must come out renamed.
 *
 * constructor(__proto__=4, prototype=8) on tf: f32[B, 8].
 * Trainable parameters: 220.
 */
export class constructor_ extends dl.Module {
  readonly dl_: dl.layers.Dense;
  readonly dense_0: dl.layers.Dense;
  readonly dense_0_: dl.layers.Dense;
  readonly this_: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dl_ = new dl.layers.Dense(this, "dl_", { inFeatures: 8, units: 4, bias: true });
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 8, bias: true });
    this.dense_0_ = new dl.layers.Dense(this, "dense_0_", { inFeatures: 8, units: 8, bias: true });
    this.this_ = new dl.layers.Dense(this, "this_", { inFeatures: 8, units: 8, bias: true });
  }

  apply(tf_: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dl_.apply(tf_);
    const t2 = dl.ops.relu(t1);
    const t1_ = t2;
    const t3 = this.dense_0.apply(t1_);
    const training_ = t3;
    const t4 = this.dense_0_.apply(training_);
    const class_ = t4;
    const t5 = dl.ops.add(class_, training_);
    const t6 = this.this_.apply(t5);
    const rng_ = t6;
    return rng_;
  }
}

/**
 * class(arguments=2) on eval: f32[B, 8], undefined: f32[B, 8].
 * Trainable parameters: 238.
 */
export class class_ extends dl.Module {
  readonly constructor__0: constructor_;
  readonly dense_0: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.constructor__0 = new constructor_(this, "constructor__0");
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 8, units: 2, bias: true });
  }

  apply(eval_: tf.Tensor, undefined_: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.add(eval_, undefined_);
    const super_ = t1;
    const t2 = this.constructor__0.apply(super_, training);
    const t2_ = t2;
    const t3 = this.dense_0.apply(t2_);
    const Block_2_ = t3;
    return Block_2_;
  }
}

/**
 * The training program `train __proto__`; run it with dl.run().
 */
export function __proto___(): dl.TrainProgram {
  return {
    name: "__proto__",
    source: "test/golden/codegen/hostile-identifiers.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const __proto___ = new constructor_(null, "__proto__", rng.child("__proto__"));
      const toString = new class_(null, "toString", rng.child("toString"));
      const s_ = dl.optim.adam([__proto___, toString], {
        lr: 0.001,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        weightDecay: 0,
      });
      return {
        models: { ["__proto__"]: __proto___, toString },
        optimizers: { s: s_ },
        data: {
          data: dl.data
            .blobs({ n: 1000, centers: 2, features: 8 })
            .batch(4, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "data",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [batch_, tf_] = batch;
            const B = batch[0]!.shape[0]!;
            s.minimize(s_, "loss", { line: 31, column: 21 }, () => {
              const t1 = toString.apply(batch_, batch_, true);
              const apply_ = t1;
              const t2 = dl.losses.crossEntropy(apply_, tf_);
              return t2 as tf.Scalar;
            });
          },
        },
        evaluate: {
          over: "data",
          metrics: (batch: tf.Tensor[]) => {
            const [x, y] = batch;
            const B = batch[0]!.shape[0]!;
            const t3 = __proto___.apply(x, false);
            const t4 = dl.ops.mean(t3);
            const t5 = toString.apply(x, x, false);
            const t6 = dl.metrics.accuracy(t5, y);
            return { constructor: t4 as tf.Scalar, ["__proto__"]: t6 as tf.Scalar };
          },
        },
      };
    },
  };
}
