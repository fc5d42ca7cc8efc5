/**
 * Initializers (`dl.init`): functions from a shape and a seeded stream to a fresh tensor.
 * Layers use PyTorch's defaults: weights kaiming-uniform with a = sqrt(5), which reduces to
 * U(-1/sqrt(fanIn), 1/sqrt(fanIn)), and biases U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../rng.js";

/** Makes the initial value of a variable; the caller disposes it. */
export type Initializer = (shape: number[], rng: Rng) => tf.Tensor;

/** All zeros. */
export const zeros: Initializer = (shape) => tf.zeros(shape);

/** All ones. */
export const ones: Initializer = (shape) => tf.ones(shape);

/** U(-bound, bound). */
export function uniform(bound: number): Initializer {
  return (shape, rng) => tf.randomUniform(shape, -bound, bound, "float32", rng.seed());
}

/** N(0, std²). */
export function normal(std: number, mean = 0): Initializer {
  return (shape, rng) => tf.randomNormal(shape, mean, std, "float32", rng.seed());
}

/** PyTorch's default for Linear/Conv weights and biases: U(±1/sqrt(fanIn)). */
export function pytorchDefault(fanIn: number): Initializer {
  return uniform(fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0);
}

/** Kaiming (He) uniform for ReLU networks: U(±sqrt(6/fanIn)). */
export function kaimingUniform(fanIn: number): Initializer {
  return uniform(Math.sqrt(6 / fanIn));
}

/** Glorot (Xavier) uniform: U(±sqrt(6/(fanIn+fanOut))). */
export function glorotUniform(fanIn: number, fanOut: number): Initializer {
  return uniform(Math.sqrt(6 / (fanIn + fanOut)));
}

/** The constant `value` everywhere. */
export function constant(value: number): Initializer {
  return (shape) => tf.fill(shape, value);
}

/** U(low, high). */
export function uniformRange(low: number, high: number): Initializer {
  return (shape, rng) => tf.randomUniform(shape, low, high, "float32", rng.seed());
}

/**
 * Fan-in and fan-out of a kernel stored as `[...window, in, out]` (dense `[in, out]`, conv
 * `[kh, kw, in/groups, out]`, recurrent `[in, gates·H]`): the same numbers PyTorch computes from
 * its `[out, in, ...window]` weights.
 */
export function fans(shape: number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) throw new Error(`fan-in and fan-out need a kernel of rank 2 or more, not [${shape.join(", ")}]`);
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: receptive * shape.at(-2)!, fanOut: receptive * shape.at(-1)! };
}

/** A normal or uniform draw with standard deviation `std` (uniform: bound √3·std). */
function scaled(shape: number[], rng: Rng, std: number, distribution: "normal" | "uniform"): tf.Tensor {
  if (distribution === "normal") return tf.randomNormal(shape, 0, std, "float32", rng.seed());
  const bound = Math.sqrt(3) * std;
  return tf.randomUniform(shape, -bound, bound, "float32", rng.seed());
}

/** Options of the Kaiming (He et al. 2015) initializers, as torch.nn.init.kaiming_*. */
export interface KaimingOptions {
  mode?: "fan_in" | "fan_out";
  /** Gain √2 for "relu", √(2/(1 + a²)) for "leaky_relu" (PyTorch's default, with a = 0), 1 for "linear". */
  nonlinearity?: "relu" | "leaky_relu" | "linear" | "tanh" | "sigmoid";
  a?: number;
  distribution?: "normal" | "uniform";
}

/** PyTorch's calculate_gain. */
export function gain(nonlinearity: string, a = 0): number {
  switch (nonlinearity) {
    case "relu":
      return Math.SQRT2;
    case "leaky_relu":
      return Math.sqrt(2 / (1 + a * a));
    case "tanh":
      return 5 / 3;
    default:
      return 1;
  }
}

/** Kaiming (He) initialization: std = gain / √fan, normal or uniform. */
export function kaiming(o: KaimingOptions = {}): Initializer {
  return (shape, rng) => {
    const f = fans(shape);
    const fan = (o.mode ?? "fan_in") === "fan_in" ? f.fanIn : f.fanOut;
    return scaled(shape, rng, gain(o.nonlinearity ?? "leaky_relu", o.a ?? 0) / Math.sqrt(fan), o.distribution ?? "normal");
  };
}

/** Xavier (Glorot & Bengio 2010): std = gain·√(2 / (fanIn + fanOut)), uniform or normal. */
export function xavier(o: { gain?: number; distribution?: "normal" | "uniform" } = {}): Initializer {
  return (shape, rng) => {
    const { fanIn, fanOut } = fans(shape);
    return scaled(shape, rng, (o.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), o.distribution ?? "uniform");
  };
}

/**
 * A (semi-)orthogonal matrix (Saxe et al. 2014) as torch.nn.init.orthogonal_, times `gain`: the
 * kernel flattened to [prod(all but last), last] has orthonormal rows or columns, whichever are
 * fewer, from the QR decomposition of a normal draw with R's diagonal signs folded in.
 */
export function orthogonal(gainValue = 1): Initializer {
  return (shape, rng) =>
    tf.tidy(() => {
      const cols = shape.at(-1)!;
      const rows = shape.reduce((a, b) => a * b, 1) / cols;
      const tall = rows >= cols;
      const draw = tf.randomNormal(tall ? [rows, cols] : [cols, rows], 0, 1, "float32", rng.seed()) as tf.Tensor2D;
      const [q, r] = tf.linalg.qr(draw);
      const n = Math.min(rows, cols);
      // Reduced QR: q is [rows, n], r is [n, n]; its diagonal by masking with the identity.
      const signs = tf.reshape(tf.sign(tf.sum(tf.mul(r, tf.eye(n)), 0)), [1, n]);
      let m = tf.mul(q, signs) as tf.Tensor2D;
      if (!tall) m = tf.transpose(m);
      return tf.reshape(tf.mul(m, gainValue), shape);
    });
}
