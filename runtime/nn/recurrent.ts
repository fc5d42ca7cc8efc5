/**
 * `dl.layers.RNN`, `dl.layers.LSTM` and `dl.layers.GRU`: batch-first recurrent layers with
 * PyTorch's parameters (weight_ih, weight_hh and two biases per layer and direction, gates in
 * PyTorch's order: LSTM i, f, g, o; GRU r, z, n), stored transposed as [in, gates·H] for
 * `x · W`. Initialized U(±1/sqrt(H)) as PyTorch does. A GRU with `resetAfter: false` is the
 * lecture's (and Cho et al.'s) form instead: the reset gate scales h before its product,
 * `n = tanh(x W_in + (r ⊙ h) W_hn + b_n)`, with one bias per gate (Keras' `reset_after=False`).
 */
import * as tf from "@tensorflow/tfjs-core";
import { Module } from "../module.js";
import { uniform, type Initializer } from "./init.js";

/** Static sizes of a recurrent layer. */
export interface RecurrentOptions {
  inputSize: number;
  units: number;
  layers?: number;
  bidirectional?: boolean;
  /** Every step's output [B, T, H·dirs] instead of the final state [B, H·dirs]. */
  returnSequences?: boolean;
  /** The two biases per layer and direction (PyTorch's `bias`, default true). */
  bias?: boolean;
  /**
   * GRU only: apply the reset gate after the hidden product (PyTorch, default true) or before it
   * (the lecture's form; then only the input bias exists).
   */
  resetAfter?: boolean;
  /** Initializers of the input kernels, the hidden kernels (orthogonal, say) and the biases; U(±1/√H) when absent. */
  init?: Initializer;
  recurrentInit?: Initializer;
  biasInit?: Initializer;
}

/** The weights of one layer in one direction. */
export interface RecurrentWeights {
  weightIh: tf.Variable;
  weightHh: tf.Variable;
  biasIh: tf.Variable | null;
  biasHh: tf.Variable | null;
}

type Cell = "rnn" | "lstm" | "gru";
const gateCount: Record<Cell, number> = { rnn: 1, lstm: 4, gru: 3 };

/** The shared recurrence; subclasses pick the cell. */
abstract class Recurrent extends Module {
  /** weights[layer][direction], direction 1 running backwards in time. */
  readonly weights: RecurrentWeights[][] = [];

  constructor(
    parent: Module | null,
    name: string,
    readonly options: RecurrentOptions,
    private readonly cell: Cell,
  ) {
    super(parent, name);
    const { inputSize, units, layers = 1, bidirectional = false, bias = true } = options;
    // The lecture's GRU has one bias per gate: the hidden product of n cannot carry its own.
    const hiddenBias = bias && !(cell === "gru" && options.resetAfter === false);
    const dirs = bidirectional ? 2 : 1;
    const g = gateCount[cell] * units;
    const init = uniform(1 / Math.sqrt(units));
    for (let l = 0; l < layers; l++) {
      const input = l === 0 ? inputSize : units * dirs;
      const row: RecurrentWeights[] = [];
      for (let d = 0; d < dirs; d++) {
        const s = `L${l}${d ? "Reverse" : ""}`;
        row.push({
          weightIh: this.param(`weightIh${s}`, [input, g], options.init ?? init),
          weightHh: this.param(`weightHh${s}`, [units, g], options.recurrentInit ?? init),
          biasIh: bias ? this.param(`biasIh${s}`, [g], options.biasInit ?? init) : null,
          biasHh: hiddenBias ? this.param(`biasHh${s}`, [g], options.biasInit ?? init) : null,
        });
      }
      this.weights.push(row);
    }
  }

  /** Runs the stack over `[B, T, inputSize]`. */
  apply(x: tf.Tensor): tf.Tensor {
    return this.applyWithState(x)[0];
  }

  /**
   * Runs the stack from initial states `h0` (and for an LSTM `c0`), each `[B, layers·dirs, H]`
   * (PyTorch's h_0 with the batch first; zeros when absent), and returns the output with the
   * final states in the same layout: `[output, h_n]`, for an LSTM `[output, h_n, c_n]`.
   */
  applyWithState(x: tf.Tensor, h0?: tf.Tensor | null, c0?: tf.Tensor | null): tf.Tensor[] {
    return tf.tidy(() => {
      let seq = x as tf.Tensor3D;
      let last: tf.Tensor2D | null = null;
      const dirs = this.weights[0]!.length;
      const initial = (s: tf.Tensor | null | undefined, k: number): tf.Tensor2D | undefined =>
        s ? (tf.squeeze(tf.slice(s, [0, k, 0], [-1, 1, -1]), [1]) as tf.Tensor2D) : undefined;
      const hs: tf.Tensor2D[] = [];
      const cs: tf.Tensor2D[] = [];
      this.weights.forEach((row, l) => {
        const runs = row.map((w, d) => this.run(seq, w, d === 1, initial(h0, l * dirs + d), initial(c0, l * dirs + d)));
        for (const r of runs) hs.push(r.last), cs.push(r.cell);
        seq = runs.length === 1 ? runs[0]!.outputs : (tf.concat(runs.map((r) => r.outputs), 2) as tf.Tensor3D);
        last = runs.length === 1 ? runs[0]!.last : (tf.concat(runs.map((r) => r.last), 1) as tf.Tensor2D);
      });
      const output = this.options.returnSequences ? seq : last!;
      const states = [tf.stack(hs, 1), ...(this.cell === "lstm" ? [tf.stack(cs, 1)] : [])];
      return [output, ...states];
    });
  }

  /** One layer in one direction: outputs in time order, and the state after the last step taken. */
  private run(seq: tf.Tensor3D, w: RecurrentWeights, reverse: boolean, hInit?: tf.Tensor2D, cInit?: tf.Tensor2D): { outputs: tf.Tensor3D; last: tf.Tensor2D; cell: tf.Tensor2D } {
    const [b, t, n] = seq.shape;
    const h0 = this.options.units;
    const g = w.weightIh.shape[1]!;
    const withBias = (y: tf.Tensor2D, bias: tf.Variable | null): tf.Tensor2D => (bias ? (tf.add(y, bias) as tf.Tensor2D) : y);
    // The input projection of every step at once: one matrix product instead of T.
    const projected = tf.reshape(withBias(tf.matMul(tf.reshape(seq, [b * t, n]), w.weightIh as tf.Tensor2D), w.biasIh), [b, t, g]);
    const steps = tf.unstack(projected, 1) as tf.Tensor2D[];
    let h: tf.Tensor2D = hInit ?? tf.zeros([b, h0]);
    let c: tf.Tensor2D = cInit ?? tf.zeros([b, h0]);
    const outputs: tf.Tensor2D[] = new Array(t);
    for (let k = 0; k < t; k++) {
      const i = reverse ? t - 1 - k : k;
      const xi = steps[i]!;
      if (this.cell === "gru" && this.options.resetAfter === false) {
        const [xr, xz, xn] = tf.split(xi, 3, 1) as tf.Tensor2D[];
        const whh = w.weightHh as tf.Tensor2D;
        const [hr, hz] = tf.split(tf.matMul(h, tf.slice(whh, [0, 0], [h0, 2 * h0])), 2, 1) as tf.Tensor2D[];
        const r = tf.sigmoid(tf.add(xr!, hr!));
        const z = tf.sigmoid(tf.add(xz!, hz!));
        const nn = tf.tanh(tf.add(xn!, tf.matMul(tf.mul(r, h), tf.slice(whh, [0, 2 * h0], [h0, h0]))));
        h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), nn)) as tf.Tensor2D;
        outputs[i] = h;
        continue;
      }
      const hh = withBias(tf.matMul(h, w.weightHh as tf.Tensor2D), w.biasHh);
      if (this.cell === "rnn") {
        h = tf.tanh(tf.add(xi, hh)) as tf.Tensor2D;
      } else if (this.cell === "lstm") {
        const [ig, fg, gg, og] = tf.split(tf.add(xi, hh), 4, 1) as tf.Tensor2D[];
        c = tf.add(tf.mul(tf.sigmoid(fg!), c), tf.mul(tf.sigmoid(ig!), tf.tanh(gg!)));
        h = tf.mul(tf.sigmoid(og!), tf.tanh(c));
      } else {
        const [xr, xz, xn] = tf.split(xi, 3, 1) as tf.Tensor2D[];
        const [hr, hz, hn] = tf.split(hh, 3, 1) as tf.Tensor2D[];
        const r = tf.sigmoid(tf.add(xr!, hr!));
        const z = tf.sigmoid(tf.add(xz!, hz!));
        const nn = tf.tanh(tf.add(xn!, tf.mul(r, hn!)));
        h = tf.add(tf.mul(tf.sub(1, z), nn), tf.mul(z, h)) as tf.Tensor2D;
      }
      outputs[i] = h;
    }
    return { outputs: tf.stack(outputs, 1) as tf.Tensor3D, last: h, cell: c };
  }
}

/** Elman RNN with tanh, as torch.nn.RNN(batch_first=True). */
export class RNN extends Recurrent {
  constructor(parent: Module | null, name: string, options: RecurrentOptions) {
    super(parent, name, options, "rnn");
  }
}

/** LSTM as torch.nn.LSTM(batch_first=True). */
export class LSTM extends Recurrent {
  constructor(parent: Module | null, name: string, options: RecurrentOptions) {
    super(parent, name, options, "lstm");
  }
}

/** GRU as torch.nn.GRU(batch_first=True). */
export class GRU extends Recurrent {
  constructor(parent: Module | null, name: string, options: RecurrentOptions) {
    super(parent, name, options, "gru");
  }
}
