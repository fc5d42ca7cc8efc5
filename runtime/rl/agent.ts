/**
 * Acting: greedy and epsilon-greedy actions from a network's values, for one observation per
 * environment (feed-forward networks) or for each environment's history so far (recurrent ones).
 * One host read per call: the actions must reach the environments.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Module } from "../module.js";
import type { Rng } from "../rng.js";

/** A model instance that maps observations to one value per action. */
export type ValueNetwork = Module & { apply(x: tf.Tensor, training: boolean): tf.Tensor };

/** Epsilon falling linearly from `start` to `end` over `decay` environment steps. */
export interface EpsilonSchedule {
  start: number;
  end: number;
  decay: number;
}

export function epsilonAt(s: EpsilonSchedule, step: number): number {
  return s.start + (s.end - s.start) * Math.min(1, step / Math.max(1, s.decay));
}

/** Arg-max actions of `net` for observations `[n, ...shape]`. */
export function greedyActions(net: ValueNetwork, observations: Float32Array, shape: readonly number[]): Int32Array {
  return tf.tidy(() => {
    const values = net.apply(tf.tensor(observations, [...shape]), false);
    return tf.argMax(values, -1).dataSync() as Int32Array;
  });
}

/**
 * Arg-max actions of a recurrent `net` for histories `[n, T + 1, ...obs]` (zero after the current
 * step), read at step `at[i]` of each: a causal network's output there depends only on what the
 * environment showed so far.
 */
export function greedyActionsAt(net: ValueNetwork, histories: Float32Array, shape: readonly number[], at: Int32Array): Int32Array {
  const n = shape[0]!;
  const steps = shape[1]!;
  const all = tf.tidy(() => tf.argMax(net.apply(tf.tensor(histories, [...shape]), false), -1).dataSync() as Int32Array);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = all[i * steps + at[i]!]!;
  return out;
}

/** A uniformly random action. */
export function randomAction(rng: Rng, actions: number): number {
  return Math.min(actions - 1, Math.floor(rng.next() * actions));
}

/** Copies every variable of `from` into the same-named variable of `to` (a target network). */
export function copyWeights(from: Module, to: Module): void {
  const source = [...from.namedVariables()];
  const dest = [...to.namedVariables()];
  if (source.length !== dest.length) throw new Error(`copyWeights: ${from.path} has ${source.length} variables, ${to.path} has ${dest.length}`);
  tf.tidy(() => {
    for (const [i, [name, v]] of source.entries()) {
      const [destName, d] = dest[i]!;
      if (name.slice(from.path.length) !== destName.slice(to.path.length)) throw new Error(`copyWeights: ${name} does not match ${destName}`);
      d.assign(tf.clone(v));
    }
  });
}
