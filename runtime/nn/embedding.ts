/** `dl.layers.Embedding`: a [vocab, dim] table looked up by integer tokens, as torch.nn.Embedding. */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { normal } from "./init.js";

/** Embedding table, initialized N(0, 1). */
export class Embedding extends Module {
  readonly table: tf.Variable;

  constructor(parent: Module | null, name: string, readonly options: { vocab: number; dim: number }) {
    super(parent, name);
    this.table = this.param("table", [options.vocab, options.dim], normal(1));
  }

  /** `[...]` integer tokens → `[..., dim]`. */
  apply(tokens: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const flat = tf.reshape(tokens.dtype === "int32" ? tokens : tf.cast(tokens, "int32"), [-1]);
      return tf.reshape(tf.gather(this.table, flat), [...tokens.shape, this.options.dim]);
    });
  }
}
