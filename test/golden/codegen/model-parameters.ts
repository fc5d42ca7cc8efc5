// Generated from test/golden/codegen/model-parameters.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Compile-time parameters of every type, and an `if` on a bool parameter.
 *
 * Configurable(width=32, rate=0.25, normalize=true, name="head") on x: f32[B, 64].
 * Trainable parameters: 5328.
 */
export class Configurable extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 64, units: 64, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 64, momentum: 0.1, eps: 0.00001 });
  readonly dropout_0 = new dl.layers.Dropout(this, "dropout_0", { rate: 0.25 });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 16, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const h = dl.ops.relu(t1);
    const n = this.batchnorm_0.apply(h, training);
    const t2 = this.dropout_0.apply(n, training);
    const t3 = this.dense_1.apply(t2);
    return t3;
  }
}

/**
 * Compile-time parameters of every type, and an `if` on a bool parameter.
 *
 * Configurable(width=64, rate=0.5, normalize=false, name="tail") on x: f32[B, 64].
 * Trainable parameters: 12448.
 */
export class Configurable_2 extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 64, units: 128, bias: true });
  readonly dropout_0 = new dl.layers.Dropout(this, "dropout_0", { rate: 0.5 });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 128, units: 32, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const h = dl.ops.relu(t1);
    const t2 = this.dropout_0.apply(h, training);
    const t3 = this.dense_1.apply(t2);
    return t3;
  }
}

/**
 * Uses() on x: f32[B, 64].
 * Trainable parameters: 17776.
 */
export class Uses extends dl.Module {
  readonly configurable_0 = new Configurable(this, "configurable_0");
  readonly configurable_1 = new Configurable_2(this, "configurable_1");

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const a = this.configurable_0.apply(x, training);
    const b = this.configurable_1.apply(x, training);
    const t1 = dl.ops.concat([a, b], -1);
    return t1;
  }
}
