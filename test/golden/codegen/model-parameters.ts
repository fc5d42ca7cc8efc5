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
  readonly dense_0: dl.layers.Dense;
  readonly batchnorm_0: dl.layers.BatchNorm;
  readonly dropout_0: dl.layers.Dropout;
  readonly dense_1: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 64, units: 64, bias: true });
    this.batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", {
      features: 64,
      momentum: 0.1,
      eps: 0.00001,
    });
    this.dropout_0 = new dl.layers.Dropout(this, "dropout_0", { rate: 0.25 });
    this.dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 16, bias: true });
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const h = t2;
    const t3 = this.batchnorm_0.apply(h, training);
    const n = t3;
    const t4 = this.dropout_0.apply(n, training);
    const t5 = this.dense_1.apply(t4);
    return t5;
  }
}

/**
 * Compile-time parameters of every type, and an `if` on a bool parameter.
 *
 * Configurable(width=64, rate=0.5, normalize=false, name="tail") on x: f32[B, 64].
 * Trainable parameters: 12448.
 */
export class Configurable_2 extends dl.Module {
  readonly dense_0: dl.layers.Dense;
  readonly dropout_0: dl.layers.Dropout;
  readonly dense_1: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 64, units: 128, bias: true });
    this.dropout_0 = new dl.layers.Dropout(this, "dropout_0", { rate: 0.5 });
    this.dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 128, units: 32, bias: true });
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const h = t2;
    const n = h;
    const t3 = this.dropout_0.apply(n, training);
    const t4 = this.dense_1.apply(t3);
    return t4;
  }
}

/**
 * Uses() on x: f32[B, 64].
 * Trainable parameters: 17776.
 */
export class Uses extends dl.Module {
  readonly configurable_0: Configurable;
  readonly configurable_1: Configurable_2;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.configurable_0 = new Configurable(this, "configurable_0");
    this.configurable_1 = new Configurable_2(this, "configurable_1");
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.configurable_0.apply(x, training);
    const a = t1;
    const t2 = this.configurable_1.apply(x, training);
    const b = t2;
    const t3 = dl.ops.concat([a, b], -1);
    return t3;
  }
}
