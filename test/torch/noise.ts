/** Deterministic stand-ins for the runtime's random draws, the same as torch-driver.py's `Noise`. */
import * as tf from "@tensorflow/tfjs-core";

/** Replaces `random.normal` and `random.uniform` of a runtime's `dl.random`; returns the restore function. */
export function patchNoise(random: { normal: unknown; uniform: unknown }): () => void {
  const saved = { normal: random.normal, uniform: random.uniform };
  let k = 0;
  const values = (n: number): Float64Array => {
    k++;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.sin((k * 12.9898 + i * 78.233) % (2 * Math.PI));
    return out;
  };
  const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
  random.normal = (shape: number[], _rng: unknown, mean = 0, std = 1) => tf.tensor(Float32Array.from(values(size(shape)), (v) => v * 1.7 * std + mean), shape);
  random.uniform = (shape: number[], lo: number, hi: number) => tf.tensor(Float32Array.from(values(size(shape)), (v) => lo + ((hi - lo) * (v + 1)) / 2), shape);
  return () => Object.assign(random, saved);
}
