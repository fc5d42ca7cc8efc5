/**
 * `dl.layers.MultiHeadAttention`: scaled dot-product attention with several heads, as
 * torch.nn.MultiheadAttention(batch_first=True). The packed input projection is one variable
 * [D, 3D] (PyTorch's in_proj_weight transposed), so PyTorch weights load by transposition.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as twiceDifferentiable from "../kernels/differentiable.js";
import { Module } from "../module.js";
import { pytorchDefault, uniform, zeros } from "./init.js";

/** Static sizes of an attention layer. */
export interface MultiHeadAttentionOptions {
  dModel: number;
  heads: number;
  /** Block attention from a position to later ones (decoder self-attention). */
  causal?: boolean;
  /** Dropout on the attention weights while training. */
  dropout?: number;
}

/** Multi-head attention: 4·D² + 4·D parameters. */
export class MultiHeadAttention extends Module {
  readonly inProjKernel: tf.Variable;
  readonly inProjBias: tf.Variable;
  readonly outKernel: tf.Variable;
  readonly outBias: tf.Variable;

  constructor(parent: Module | null, name: string, readonly options: MultiHeadAttentionOptions) {
    super(parent, name);
    const d = options.dModel;
    if (d % options.heads !== 0) throw new Error(`${this.path}: heads=${options.heads} must divide dModel=${d}`);
    // PyTorch: xavier_uniform on the packed [3D, D] projection, zero biases, Linear default for the output.
    this.inProjKernel = this.param("inProjKernel", [d, 3 * d], uniform(Math.sqrt(6 / (d + 3 * d))));
    this.inProjBias = this.param("inProjBias", [3 * d], zeros);
    this.outKernel = this.param("outKernel", [d, d], pytorchDefault(d));
    this.outBias = this.param("outBias", [d], zeros);
  }

  /**
   * Attends from `query` [B, Tq, D] to `memory` [B, Tk, D] (the query itself when null), with an
   * optional mask [B or 1, Tq or 1, Tk] of ones (attend) and zeros (block).
   */
  apply(query: tf.Tensor, memory: tf.Tensor | null, mask: tf.Tensor | null, training: boolean): tf.Tensor {
    return tf.tidy(() => {
      const { dModel: d, heads } = this.options;
      const dk = d / heads;
      const [b, tq] = query.shape as [number, number, number];
      const source = memory ?? query;
      const tk = source.shape[1]!;
      const project = (x: tf.Tensor, from: number, to: number, t: number) => {
        const w = tf.slice(this.inProjKernel, [0, from * d], [d, (to - from) * d]);
        const bias = tf.slice(this.inProjBias, [from * d], [(to - from) * d]);
        return tf.add(tf.matMul(tf.reshape(x, [b * t, d]), w), bias);
      };
      const split = (x: tf.Tensor, t: number) => tf.transpose(tf.reshape(x, [b, t, heads, dk]), [0, 2, 1, 3]) as tf.Tensor4D;
      let q: tf.Tensor4D;
      let k: tf.Tensor4D;
      let v: tf.Tensor4D;
      if (memory === null) {
        const [pq, pk, pv] = tf.split(project(query, 0, 3, tq), 3, 1);
        [q, k, v] = [split(pq!, tq), split(pk!, tk), split(pv!, tk)];
      } else {
        const [pk, pv] = tf.split(project(source, 1, 3, tk), 2, 1);
        [q, k, v] = [split(project(query, 0, 1, tq), tq), split(pk!, tk), split(pv!, tk)];
      }
      let scores: tf.Tensor = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
      // Blocked positions get a large negative score, so their softmax weight is 0.
      if (this.options.causal) {
        const allowed = tf.linalg.bandPart(tf.ones([tq, tk]), -1, 0);
        scores = tf.add(scores, tf.mul(tf.sub(1, allowed), -1e9));
      }
      if (mask) scores = tf.add(scores, tf.mul(tf.sub(1, tf.expandDims(tf.cast(mask, "float32"), 1)), -1e9));
      let weights = twiceDifferentiable.softmax(scores, -1); // second derivatives right (tfjs#3252)
      const rate = this.options.dropout ?? 0;
      if (training && rate > 0) weights = tf.dropout(weights, rate, undefined, this.rng.seed());
      const context = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [b * tq, d]);
      return tf.reshape(tf.add(tf.matMul(context, this.outKernel as tf.Tensor2D), this.outBias), [b, tq, d]);
    });
  }
}
