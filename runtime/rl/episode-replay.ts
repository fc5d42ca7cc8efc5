/**
 * `dl.rl.episodeReplay(env, net, options).batch(n)`: replay of whole episodes for recurrent agents
 * (RL-LSTM, Bakker 2002; DRQN, Hausknecht & Stone 2015). Before each loop step the agent plays
 * `envs` episodes in parallel, epsilon-greedy, its network reading each episode's history; the
 * step receives `n` stored episodes as `[s (n, T + 1, ...obs), a, r, done, mask (n, T)]`.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Batched, type BatchOptions } from "../data/batched.js";
import { Rng } from "../rng.js";
import { copyWeights, epsilonAt, type ValueNetwork } from "./agent.js";
import { observationSize, type Environment } from "./environment.js";
import { EpisodeStats, type ReportsEpochStats } from "./episode-stats.js";
import { playEpisodes, type Episode } from "./play.js";
import { experienceDataset, type LearnerOptions } from "./replay.js";

export interface EpisodeReplayOptions extends LearnerOptions {
  /** Episodes played in parallel before each loop step. */
  envs?: number;
}

export class EpisodeReplaySource {
  constructor(
    readonly env: Environment,
    readonly net: ValueNetwork,
    readonly options: EpisodeReplayOptions,
  ) {}

  batch(size: number, options: BatchOptions = {}): EpisodeReplayBatches {
    return new EpisodeReplayBatches(this, size, options);
  }
}

export class EpisodeReplayBatches extends Batched implements ReportsEpochStats {
  private rng?: Rng;
  private readonly memory: Episode[] = [];
  private next = 0;
  /** Environment steps played (the epsilon schedule's clock). */
  played = 0;
  private served = 0;
  private readonly stats = new EpisodeStats();

  constructor(
    readonly source: EpisodeReplaySource,
    size: number,
    options: BatchOptions,
  ) {
    super(experienceDataset(source.env), size, options);
    source.options.target?.freeze();
  }

  override get batchesPerEpoch(): number {
    return this.source.options.steps;
  }

  override get length(): number {
    return this.memory.length;
  }

  epochStats(): Record<string, number> {
    return this.stats.take({ epsilon: epsilonAt(this.source.options.epsilon, this.played) });
  }

  override *epoch(epoch: number, start = 0, seed?: number): Generator<tf.Tensor[]> {
    const { options } = this.source;
    if (!this.rng) {
      this.rng = new Rng(seed ?? this.options.seed ?? 0).child(`${this.source.env.name}-episodes`);
      while (this.memory.length < Math.max(options.warmup, this.size)) this.play();
    }
    for (let k = start; k < this.batchesPerEpoch; k++) {
      this.play();
      if (options.target && this.served % (options.syncEvery ?? 1) === 0) copyWeights(this.source.net, options.target);
      this.served++;
      yield this.sample();
    }
  }

  private play(): void {
    const { env, net, options } = this.source;
    const episodes = playEpisodes(env, net, options.envs ?? 8, this.rng!.child("play"), epsilonAt(options.epsilon, this.played), true);
    for (const e of episodes) {
      this.played += e.length;
      this.stats.add(e.length, e.score);
      if (this.memory.length < options.capacity) this.memory.push(e);
      else this.memory[this.next] = e;
      this.next = (this.next + 1) % options.capacity;
    }
  }

  private sample(): tf.Tensor[] {
    const env = this.source.env;
    const T = env.maxSteps;
    const obs = observationSize(env);
    const n = this.size;
    const s = new Float32Array(n * (T + 1) * obs);
    const a = new Int32Array(n * T);
    const r = new Float32Array(n * T);
    const done = new Float32Array(n * T);
    const mask = new Float32Array(n * T);
    const rng = this.rng!.child("sample");
    for (let k = 0; k < n; k++) {
      const e = this.memory[Math.min(this.memory.length - 1, Math.floor(rng.next() * this.memory.length))]!;
      s.set(e.observations, k * (T + 1) * obs);
      a.set(e.actions, k * T);
      r.set(e.rewards, k * T);
      done.set(e.done, k * T);
      mask.fill(1, k * T, k * T + e.length);
    }
    return [tf.tensor(s, [n, T + 1, ...env.observation]), tf.tensor(a, [n, T], "int32"), tf.tensor(r, [n, T]), tf.tensor(done, [n, T]), tf.tensor(mask, [n, T])];
  }
}

/** `dl.rl.episodeReplay(env, net, options)`; see `EpisodeReplaySource`. */
export function episodeReplay(env: Environment, net: ValueNetwork, options: EpisodeReplayOptions): EpisodeReplaySource {
  return new EpisodeReplaySource(env, net, options);
}
