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
