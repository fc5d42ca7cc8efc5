// Generated from test/golden/codegen/hostile-strings.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Doc text that tries to end the comment: *\/ globalThis.pwned = 1; /*
 * A template: `${globalThis.pwned = 1}` and a backtick ` and quotes " ' and a backslash \\
 * A line separator globalThis.pwned = 1 and a paragraph separator globalThis.pwned = 2
 *
 * Strings(label="*\/ globalThis.pwned = 1; /*", quote="\"; globalThis.pwned = 1; \"", tick="`${globalThis.pwned}`\n\\") on x: f32[B, 4].
 * Trainable parameters: 20.
 */
export class Strings extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 4, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const h = this.dense_0.apply(x);
    return h;
  }
}

/**
 * Tiny(name="${globalThis.pwned = 1}") on x: f32[B, 28, 28, 1].
 * Trainable parameters: 7850.
 */
export class Tiny extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 784, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.reshape(x, [784]);
    const t2 = this.dense_0.apply(t1);
    return t2;
  }
}

/**
 * Train docs: *\/ globalThis.pwned = 1 /*
 * The training program `train strings`; run it with dl.run().
 */
export function strings(): dl.TrainProgram {
  return {
    name: "strings",
    source: "test/golden/codegen/hostile-strings.dl",
    seed: 0,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const net = new Tiny(null, "net", rng.child("net"));
      const opt = dl.optim.sgd([net], { lr: 0.01, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.mnist({ split: "train" }).batch(8, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 19, column: 23 }, () => {
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
