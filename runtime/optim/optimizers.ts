/** The optimizers (`dl.optim.sgd | momentum | adam | adamw | rmsprop`), with PyTorch's update rules. */
import * as tf from "@tensorflow/tfjs-core";
import type { Module } from "../module.js";
import { adamUpdate } from "../kernels/adam-update.js";
import { Optimizer, type OptimizerOptions } from "./optimizer.js";

/** Plain gradient descent: p -= lr * g. */
export class Sgd extends Optimizer {
  protected update(v: tf.Variable, g: tf.Tensor, _name: string, lr: number): void {
    v.assign(tf.sub(v, tf.mul(g, lr)));
  }
}

/** Options of momentum SGD. */
export interface MomentumOptions extends OptimizerOptions {
  momentum?: number;
  nesterov?: boolean;
}

/** SGD with momentum as torch.optim.SGD: buf = mu * buf + g; p -= lr * buf (or Nesterov). */
export class Momentum extends Optimizer {
  constructor(models: Module | Module[], readonly hyper: MomentumOptions) {
    super(models, hyper);
  }
  protected update(v: tf.Variable, g: tf.Tensor, name: string, lr: number): void {
    const mu = this.hyper.momentum ?? 0.9;
    const buf = this.slot(name, "momentum", v);
    buf.assign(tf.add(tf.mul(buf, mu), g));
    const dir = this.hyper.nesterov ? tf.add(g, tf.mul(buf, mu)) : buf;
    v.assign(tf.sub(v, tf.mul(dir, lr)));
  }
}

/** Options of Adam. */
export interface AdamOptions extends OptimizerOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** Adam as torch.optim.Adam, bias-corrected, eps added outside the square root. */
export class Adam extends Optimizer {
  constructor(models: Module | Module[], readonly hyper: AdamOptions) {
    super(models, hyper);
  }
  protected update(v: tf.Variable, g: tf.Tensor, name: string, lr: number, t: number): void {
    const b1 = this.hyper.beta1 ?? 0.9;
    const b2 = this.hyper.beta2 ?? 0.999;
    const eps = this.hyper.eps ?? 1e-8;
    // One fused kernel per parameter on wasm and cpu (runtime/kernels/adam-update.ts).
    adamUpdate(v, g, this.slot(name, "m", v), this.slot(name, "v", v), { lr, beta1: b1, beta2: b2, eps, t });
  }
}

/** Options of AdamW: Adam's, with `weightDecay` decoupled from the gradient. */
export type AdamWOptions = AdamOptions;

/**
 * AdamW (Loshchilov & Hutter 2019) as torch.optim.AdamW: the weights first shrink by
 * lr · weightDecay, then take Adam's step on the plain gradient (no L2 term in the moments).
 */
export class AdamW extends Adam {
  constructor(models: Module | Module[], hyper: AdamWOptions) {
    super(models, { ...hyper, weightDecay: hyper.weightDecay ?? 0.01 });
  }
  /** Decoupled: the weights shrink by lr · decay before Adam's step on the plain gradient. */
  protected override decay(v: tf.Variable, g: tf.Tensor, decay: number, lr: number): tf.Tensor {
    v.assign(tf.mul(v, 1 - lr * decay));
    return g;
  }
}

/** Options of RMSprop. */
export interface RmspropOptions extends OptimizerOptions {
  alpha?: number;
  eps?: number;
}

/** RMSprop as torch.optim.RMSprop: s = a * s + (1 - a) * g²; p -= lr * g / (sqrt(s) + eps). */
export class Rmsprop extends Optimizer {
  constructor(models: Module | Module[], readonly hyper: RmspropOptions) {
    super(models, hyper);
  }
  protected update(v: tf.Variable, g: tf.Tensor, name: string, lr: number): void {
    const a = this.hyper.alpha ?? 0.99;
    const s = this.slot(name, "square", v);
    s.assign(tf.add(tf.mul(s, a), tf.mul(tf.square(g), 1 - a)));
    v.assign(tf.sub(v, tf.mul(tf.div(g, tf.add(tf.sqrt(s), this.hyper.eps ?? 1e-8)), lr)));
  }
}

/** `dl.optim.sgd(models, {lr, momentum = 0, nesterov = false})`: momentum > 0 is torch.optim.SGD's momentum form. */
export const sgd = (models: Module | Module[], o: MomentumOptions): Sgd | Momentum => {
  if (o.nesterov && !o.momentum) throw new Error("sgd: nesterov needs momentum > 0 (as torch.optim.SGD)");
  return o.momentum ? new Momentum(models, o) : new Sgd(models, o);
};
/** `dl.optim.momentum(models, {lr, momentum = 0.9, nesterov = false})`. */
export const momentum = (models: Module | Module[], o: MomentumOptions): Momentum => new Momentum(models, o);
/** `dl.optim.adam(models, {lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8})`. */
export const adam = (models: Module | Module[], o: AdamOptions): Adam => new Adam(models, o);
/** `dl.optim.adamw(models, {lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0.01})`. */
export const adamw = (models: Module | Module[], o: AdamWOptions): AdamW => new AdamW(models, o);
/** `dl.optim.rmsprop(models, {lr, alpha = 0.99, eps = 1e-8})`. */
export const rmsprop = (models: Module | Module[], o: RmspropOptions): Rmsprop => new Rmsprop(models, o);
