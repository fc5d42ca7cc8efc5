/**
 * `dl.rl.rollouts(env, net, {count, epsilon}).batch(n)`: evaluation episodes played `n` at a time;
 * each batch is `[length, score]` per episode, so a metric `mean(length)` is the average episode
 * length over `count` episodes. Each evaluation starts from new initial states, drawn from a
 * stream that depends only on the seed and the evaluation's number.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Batched, type BatchOptions } from "../data/batched.js";
import { Rng } from "../rng.js";
import type { ValueNetwork } from "./agent.js";
import type { Environment } from "./environment.js";
import { playEpisodes } from "./play.js";
import { experienceDataset } from "./replay.js";

export interface RolloutOptions {
  count: number;
  /** Probability of a random action (0: greedy). */
  epsilon?: number;
  /** The network reads whole episodes `[n, T + 1, ...obs]` (the compiler knows from its input shape). */
  recurrent?: boolean;
}

/** The un-batched rollouts; `.batch(n)` plays n episodes in parallel. */
export class RolloutSource {
  constructor(
    readonly env: Environment,
    readonly net: ValueNetwork,
    readonly options: RolloutOptions,
  ) {}

  batch(size: number, options: BatchOptions = {}): RolloutBatches {
    return new RolloutBatches(this, size, options);
  }
}

export class RolloutBatches extends Batched {
  private evaluations = 0;

  constructor(
    readonly source: RolloutSource,
    size: number,
    options: BatchOptions,
  ) {
    super(experienceDataset(source.env), size, options);
  }

  override get batchesPerEpoch(): number {
    return Math.ceil(this.source.options.count / this.size);
  }

  override get length(): number {
    return this.source.options.count;
  }

  override *epoch(_epoch: number, start = 0, seed?: number): Generator<tf.Tensor[]> {
    const { env, net, options } = this.source;
    const rng = new Rng(seed ?? this.options.seed ?? 0).child(`${env.name}-rollouts`).child(String(this.evaluations++));
    for (let k = start; k < this.batchesPerEpoch; k++) {
      const n = Math.min(this.size, options.count - k * this.size);
      const episodes = playEpisodes(env, net, n, rng.child(`batch${k}`), options.epsilon ?? 0, options.recurrent === true);
      yield [tf.tensor1d(episodes.map((e) => e.length)), tf.tensor1d(episodes.map((e) => e.score))];
    }
  }
}

/** `dl.rl.rollouts(env, net, options)`; see `RolloutSource`. */
export function rollouts(env: Environment, net: ValueNetwork, options: RolloutOptions): RolloutSource {
  return new RolloutSource(env, net, options);
}
