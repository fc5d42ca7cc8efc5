// Generated from test/golden/codegen/negative-model-params.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A model's own int parameters take any value: zero and negative offsets are the author's business.
 *
 * Offset(shift=-1, extra=0) on x: f32[B, 4].
 * Trainable parameters: 15.
 */
export class Offset extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 3, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    return t1;
  }
}

/**
 * A model's own int parameters take any value: zero and negative offsets are the author's business.
 *
 * Offset(shift=0, extra=0) on x: f32[B, 4].
 * Trainable parameters: 20.
 */
export class Offset_2 extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 4, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    return t1;
  }
}

/**
 * A model's own int parameters take any value: zero and negative offsets are the author's business.
 *
 * Offset(shift=-1, extra=1) on x: f32[B, 4].
 * Trainable parameters: 20.
 */
export class Offset_3 extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 4, units: 4, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.dense_0.apply(x);
    return t1;
  }
}

/**
 * Uses() on x: f32[B, 4].
 * Trainable parameters: 40.
 */
export class Uses extends dl.Module {
  readonly offset_0 = new Offset_2(this, "offset_0");
  readonly offset_1 = new Offset_3(this, "offset_1");

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.offset_0.apply(x, training);
    const t2 = this.offset_1.apply(t1, training);
    return t2;
  }
}
