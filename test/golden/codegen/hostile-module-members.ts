// Generated from test/golden/codegen/hostile-module-members.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Layer names that are members of the runtime's Module class must not shadow them.
 *
 * Members() on x: f32[B, 8].
 * Trainable parameters: 864.
 */
export class Members extends dl.Module {
  readonly name_ = new dl.layers.Dense(this, "name_", { inFeatures: 8, units: 8, bias: true });
  readonly parent_ = new dl.layers.Dense(this, "parent_", { inFeatures: 8, units: 8, bias: true });
  readonly path_ = new dl.layers.Dense(this, "path_", { inFeatures: 8, units: 8, bias: true });
  readonly params_ = new dl.layers.Dense(this, "params_", { inFeatures: 8, units: 8, bias: true });
  readonly children_ = new dl.layers.Dense(this, "children_", { inFeatures: 8, units: 8, bias: true });
  readonly rng_ = new dl.layers.Dense(this, "rng_", { inFeatures: 8, units: 8, bias: true });
  readonly apply_ = new dl.layers.Dense(this, "apply_", { inFeatures: 8, units: 8, bias: true });
  readonly dispose_ = new dl.layers.Dense(this, "dispose_", { inFeatures: 8, units: 8, bias: true });
  readonly freeze_ = new dl.layers.Dense(this, "freeze_", { inFeatures: 8, units: 8, bias: true });
  readonly frozen_ = new dl.layers.Dense(this, "frozen_", { inFeatures: 8, units: 8, bias: true });
  readonly param_ = new dl.layers.Dense(this, "param_", { inFeatures: 8, units: 8, bias: true });
  readonly hasOwnProperty = new dl.layers.Dense(this, "hasOwnProperty", { inFeatures: 8, units: 8, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.name_.apply(x);
    const t2 = this.parent_.apply(t1);
    const t3 = this.path_.apply(t2);
    const t4 = this.params_.apply(t3);
    const t5 = this.children_.apply(t4);
    const t6 = this.rng_.apply(t5);
    const t7 = this.apply_.apply(t6);
    const t8 = this.dispose_.apply(t7);
    const t9 = this.freeze_.apply(t8);
    const t10 = this.frozen_.apply(t9);
    const t11 = this.param_.apply(t10);
    const t12 = this.hasOwnProperty.apply(t11);
    return t12;
  }
}
