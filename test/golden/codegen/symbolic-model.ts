// Generated from test/golden/codegen/symbolic-model.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A model over symbolic sizes is checked on its own and generated for each concrete use.
 *
 * Projection(out=8) on x: f32[B, 100].
 * Trainable parameters: 808.
 */
export class Projection extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 100, units: 8, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    return t2;
  }
}

/**
 * A model over symbolic sizes is checked on its own and generated for each concrete use.
 *
 * Projection(out=8) on x: f32[B, 50].
 * Trainable parameters: 408.
 */
export class Projection_2 extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 50, units: 8, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    return t2;
  }
}

/**
 * A model over symbolic sizes is checked on its own and generated for each concrete use.
 *
 * Projection(out=4) on x: f32[B, 100].
 * Trainable parameters: 404.
 */
export class Projection_3 extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 100, units: 4, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    const t2 = dl.ops.relu(t1);
    return t2;
  }
}

/**
 * Net() on x: f32[B, 100], y: f32[B, 50].
 * Trainable parameters: 1620.
 */
export class Net extends dl.Module {
  readonly projection_0 = new Projection(this, "projection_0");
  readonly projection_1 = new Projection_2(this, "projection_1");
  readonly projection_2 = new Projection_3(this, "projection_2");

  apply(x: tf.Tensor, y: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.projection_0.apply(x, training);
    const t2 = this.projection_1.apply(y, training);
    const t3 = this.projection_2.apply(x, training);
    const t4 = dl.ops.concat([t1, t2, t3], -1);
    return t4;
  }
}
