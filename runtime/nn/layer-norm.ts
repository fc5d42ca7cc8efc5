/**
 * `dl.layers.LayerNorm` (torch.nn.LayerNorm over the last axis) and `dl.layers.InstanceNorm`
 * (torch.nn.InstanceNorm2d over H and W, biased variance, no running statistics).
 */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { ones, zeros } from "./init.js";

/** Layer normalization over the last axis; 2·features parameters, none with `affine: false`. */
export class LayerNorm extends Module {
  readonly gamma: tf.Variable | null;
  readonly beta: tf.Variable | null;

  constructor(parent: Module | null, name: string, readonly options: { features: number; eps?: number; affine?: boolean }) {
    super(parent, name);
    const affine = options.affine ?? true;
    this.gamma = affine ? this.param("gamma", [options.features], ones) : null;
    this.beta = affine ? this.param("beta", [options.features], zeros) : null;
  }

  /** Normalizes each position's feature vector. */
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, -1, true);
      const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.options.eps ?? 1e-5)));
      return this.gamma && this.beta ? tf.add(tf.mul(normalized, this.gamma), this.beta) : normalized;
    });
  }
}

/** Instance normalization of NHWC images; parameters only with `affine`. */
export class InstanceNorm extends Module {
  readonly gamma: tf.Variable | null;
  readonly beta: tf.Variable | null;

  constructor(parent: Module | null, name: string, readonly options: { features: number; affine?: boolean; eps?: number }) {
    super(parent, name);
    this.gamma = options.affine ? this.param("gamma", [options.features], ones) : null;
    this.beta = options.affine ? this.param("beta", [options.features], zeros) : null;
  }

  /** Normalizes each example's channels over their spatial positions. */
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, [1, 2], true);
      const y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.options.eps ?? 1e-5)));
      return this.gamma && this.beta ? tf.add(tf.mul(y, this.gamma), this.beta) : y;
    });
  }
}
