/**
 * `dl.layers.RBM`: a restricted Boltzmann machine with binary visible and hidden units (Smolensky
 * 1986; Hinton 2002), energy `E(v, h) = −v·b_v − h·b_h − vᵀWh`. Weights `kernel: [V, H]`,
 * `visibleBias: [V]`, `hiddenBias: [H]`; W starts at N(0, 0.01²) and the biases at zero (Hinton's
 * "practical guide"). Applied in a model it gives the mean-field reconstruction p(v | p(h | v));
 * `dl.losses.contrastiveDivergence` trains it by CD-k.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import type { Rng } from "../rng.js";
import { normal, zeros, type Initializer } from "./init.js";

/** Static sizes of an RBM. */
export interface RBMOptions {
  visible: number;
  hidden: number;
  /** Initializer of W; N(0, 0.01²) when absent. */
  init?: Initializer;
}

export class RBM extends Module {
  readonly kernel: tf.Variable;
  readonly visibleBias: tf.Variable;
  readonly hiddenBias: tf.Variable;

  constructor(parent: Module | null, name: string, readonly options: RBMOptions) {
    super(parent, name);
    this.kernel = this.param("kernel", [options.visible, options.hidden], options.init ?? normal(0.01));
    this.visibleBias = this.param("visibleBias", [options.visible], zeros);
    this.hiddenBias = this.param("hiddenBias", [options.hidden], zeros);
  }

  /** p(h = 1 | v) = σ(vW + b_h), `[B, H]`. */
  hiddenProbabilities(v: tf.Tensor2D): tf.Tensor2D {
    return tf.sigmoid(tf.add(tf.matMul(v, this.kernel as tf.Tensor2D), this.hiddenBias)) as tf.Tensor2D;
  }

  /** p(v = 1 | h) = σ(hWᵀ + b_v), `[B, V]`. */
  visibleProbabilities(h: tf.Tensor2D): tf.Tensor2D {
    return tf.sigmoid(tf.add(tf.matMul(h, this.kernel as tf.Tensor2D, false, true), this.visibleBias)) as tf.Tensor2D;
  }

  /** Free energy `F(v) = −v·b_v − Σ_j softplus((vW + b_h)_j)`, one value per example. */
  freeEnergy(v: tf.Tensor2D): tf.Tensor1D {
    const visible = tf.sum(tf.mul(v, this.visibleBias), 1);
    const hidden = tf.sum(tf.softplus(tf.add(tf.matMul(v, this.kernel as tf.Tensor2D), this.hiddenBias)), 1);
    return tf.neg(tf.add(visible, hidden)) as tf.Tensor1D;
  }

  /**
   * The negative phase of CD-k from the data `v0`: k steps of block Gibbs sampling
   * (h ~ p(h | v), v ~ p(v | h)), the last visible state kept as probabilities (less noise, as
   * the guide recommends). A constant for differentiation: the chain runs inside customGrad's
   * forward, which tfjs does not record.
   */
  gibbs(v0: tf.Tensor2D, k: number, rng: Rng): tf.Tensor2D {
    const bernoulli = (p: tf.Tensor2D, step: number, what: string) => tf.cast(tf.less(tf.randomUniform(p.shape, 0, 1, "float32", rng.child(`${what}${step}`).seed()), p), "float32") as tf.Tensor2D;
    const chain = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const start = args[0] as tf.Tensor2D;
      let v = start;
      for (let step = 0; step < k; step++) {
        const h = bernoulli(this.hiddenProbabilities(v), step, "h");
        const p = this.visibleProbabilities(h);
        v = step === k - 1 ? p : bernoulli(p, step, "v");
      }
      return { value: v, gradFunc: () => tf.zerosLike(start) };
    });
    return chain(v0) as tf.Tensor2D;
  }

  /** The mean-field reconstruction p(v | p(h | v)) of `[B, V]` (or `[B, ...]` flattened to V). */
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.visibleProbabilities(this.hiddenProbabilities(this.flat(x))));
  }

  /** `x` as `[B, V]`. */
  flat(x: tf.Tensor): tf.Tensor2D {
    const b = x.shape[0]!;
    if (x.size / b !== this.options.visible) throw new Error(`${this.path}: an RBM with ${this.options.visible} visible units got examples of shape [${x.shape.slice(1).join(", ")}]`);
    return tf.reshape(x, [b, this.options.visible]) as tf.Tensor2D;
  }
}
