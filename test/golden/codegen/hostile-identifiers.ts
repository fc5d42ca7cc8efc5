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
  readonly dl_ = new dl.layers.Dense(this, "dl_", { inFeatures: 8, units: 4, bias: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 8, bias: true });
  readonly dense_0_ = new dl.layers.Dense(this, "dense_0_", { inFeatures: 8, units: 8, bias: true });
  readonly this_ = new dl.layers.Dense(this, "this_", { inFeatures: 8, units: 8, bias: true });

  apply(tf_: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dl_.apply(tf_);
    const t1_ = dl.ops.relu(t1);
    const training_ = this.dense_0.apply(t1_);
    const class_ = this.dense_0_.apply(training_);
    const t2 = dl.ops.add(class_, training_);
    const rng_ = this.this_.apply(t2);
    return rng_;
  }
}

/**
 * class(arguments=2) on eval: f32[B, 8], undefined: f32[B, 8].
 * Trainable parameters: 238.
 */
export class class_ extends dl.Module {
  readonly constructor__0 = new constructor_(this, "constructor__0");
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 8, units: 2, bias: true });

  apply(eval_: tf.Tensor, undefined_: tf.Tensor, training: boolean): tf.Tensor {
    const super_ = dl.ops.add(eval_, undefined_);
    const t2_ = this.constructor__0.apply(super_, training);
    const Block_2_ = this.dense_0.apply(t2_);
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
      const s_ = dl.optim.adam([__proto___, toString], { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { ["__proto__"]: __proto___, toString },
        optimizers: { s: s_ },
        data: {
          data: dl.data.blobs({ n: 1000, centers: 2, features: 8 }).batch(4, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "data",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [batch_, tf_] = batch;
            s.minimize(s_, "loss", { line: 31, column: 21 }, () => {
              const apply_ = toString.apply(batch_, batch_, true);
              const t1 = dl.losses.crossEntropy(apply_, tf_);
              return t1 as tf.Scalar;
            });
          },
        },
        evaluate: {
          over: "data",
          metrics: (batch: tf.Tensor[]) => {
            const [x, y] = batch;
            const t1 = __proto___.apply(x, false);
            const t2 = dl.ops.mean(t1);
            const t3 = toString.apply(x, x, false);
            const t4 = dl.metrics.accuracy(t3, y);
            return { constructor: t2 as tf.Scalar, ["__proto__"]: t4 as tf.Scalar };
          },
        },
      };
    },
  };
}
