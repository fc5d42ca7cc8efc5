/**
 * `dl.layers.BatchNorm`: normalizes over every axis but the last (channels), as
 * torch.nn.BatchNorm1d/2d. Running statistics are non-trainable variables updated PyTorch-style:
 * running = (1 - momentum) * running + momentum * batchStat, with the unbiased batch variance.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { ones, zeros } from "./init.js";

/** Static sizes and hyper-parameters of a BatchNorm layer. */
export interface BatchNormOptions {
  features: number;
  momentum?: number;
  eps?: number;
  /** Learn gamma and beta (PyTorch's `affine`, default true); running statistics are kept either way. */
  affine?: boolean;
}

/** Batch normalization; 2 * features parameters (gamma, beta; none without affine) plus 2 * features buffers. */
export class BatchNorm extends Module {
  readonly gamma: tf.Variable | null;
  readonly beta: tf.Variable | null;
  readonly runningMean: tf.Variable;
  readonly runningVar: tf.Variable;
  private readonly momentum: number;
  private readonly eps: number;

  constructor(parent: Module | null, name: string, options: BatchNormOptions) {
    super(parent, name);
    this.momentum = options.momentum ?? 0.1;
    this.eps = options.eps ?? 1e-5;
    const n = options.features;
    const affine = options.affine ?? true;
    this.gamma = affine ? this.param("gamma", [n], ones) : null;
    this.beta = affine ? this.param("beta", [n], zeros) : null;
    this.runningMean = this.param("runningMean", [n], zeros, false);
    this.runningVar = this.param("runningVar", [n], ones, false);
  }

  /**
   * Training normalizes with batch statistics and updates the running ones; inference uses them,
   * and so does a frozen batch norm (`freeze net.features`) in training steps.
   */
  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    return tf.tidy(() => {
      if (!training || this.isFrozen()) {
        return tf.batchNorm(x, this.runningMean, this.runningVar, this.beta ?? undefined, this.gamma ?? undefined, this.eps);
      }
      const axes = x.shape.map((_, i) => i).slice(0, -1);
      const { mean, variance } = tf.moments(x, axes);
      const count = x.size / x.shape[x.rank - 1]!;
      // The running update is state, not part of the loss; no gradient reaches it because the
      // returned value does not depend on it.
      const unbiased = tf.mul(variance, count / Math.max(count - 1, 1));
      this.runningMean.assign(tf.add(tf.mul(this.runningMean, 1 - this.momentum), tf.mul(mean, this.momentum)));
      this.runningVar.assign(tf.add(tf.mul(this.runningVar, 1 - this.momentum), tf.mul(unbiased, this.momentum)));
      // Written out rather than tf.batchNorm so the gradient uses plain ops on every backend.
      const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.eps)));
      return this.gamma && this.beta ? tf.add(tf.mul(normalized, this.gamma), this.beta) : normalized;
    });
  }
}
