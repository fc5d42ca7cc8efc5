/**
 * `dl.rl.replay(env, net, options).batch(n)`: experience replay for DQN. Before each loop step the
 * agent plays `trainEvery` epsilon-greedy steps and stores the transitions in a ring buffer; the
 * step then receives `n` transitions sampled uniformly, as `[s, a, r, s2, done]`. The target
 * network (if any) is a frozen copy of `net`, refreshed every `syncEvery` loop steps.
 *
 * The memory, the running episode and the exploration schedule live in this object across
 * epochs. A resumed run restores the networks and the optimizer but starts with an empty memory
 * (refilled by `warmup` steps) and a fresh episode: RL resumes are not bit-exact.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Batched, type BatchOptions } from "../data/batched.js";
import { Dataset } from "../data/dataset.js";
import type { Module } from "../module.js";
import { Rng } from "../rng.js";
import { copyWeights, epsilonAt, greedyActions, randomAction, type EpsilonSchedule, type ValueNetwork } from "./agent.js";
import { observationSize, type EnvInstance, type Environment } from "./environment.js";
import { EpisodeStats, type ReportsEpochStats } from "./episode-stats.js";

/** Options of the replay memories (replay and episode replay). */
export interface LearnerOptions {
  /** A second instance of the same model, frozen and refreshed from `net`. */
  target?: Module;
  syncEvery?: number;
  capacity: number;
  warmup: number;
  /** Loop steps per epoch. */
  steps: number;
  epsilon: EpsilonSchedule;
}

/** Transitions in preallocated ring buffers. */
export class TransitionMemory {
  readonly s: Float32Array;
  readonly s2: Float32Array;
  readonly a: Int32Array;
  readonly r: Float32Array;
  readonly done: Float32Array;
  size = 0;
  private next = 0;

  constructor(
    readonly capacity: number,
    readonly obs: number,
  ) {
    this.s = new Float32Array(capacity * obs);
    this.s2 = new Float32Array(capacity * obs);
    this.a = new Int32Array(capacity);
    this.r = new Float32Array(capacity);
    this.done = new Float32Array(capacity);
  }

  push(s: Float32Array, a: number, r: number, s2: Float32Array, done: boolean): void {
    const i = this.next;
    this.s.set(s, i * this.obs);
    this.s2.set(s2, i * this.obs);
    this.a[i] = a;
    this.r[i] = r;
    this.done[i] = done ? 1 : 0;
    this.next = (i + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** `n` transitions drawn uniformly with replacement, as tensors `[s, a, r, s2, done]`. */
  sample(n: number, rng: Rng, shape: readonly number[]): tf.Tensor[] {
    const s = new Float32Array(n * this.obs);
    const s2 = new Float32Array(n * this.obs);
    const a = new Int32Array(n);
    const r = new Float32Array(n);
    const done = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      const i = Math.min(this.size - 1, Math.floor(rng.next() * this.size));
      s.set(this.s.subarray(i * this.obs, (i + 1) * this.obs), k * this.obs);
      s2.set(this.s2.subarray(i * this.obs, (i + 1) * this.obs), k * this.obs);
      a[k] = this.a[i]!;
      r[k] = this.r[i]!;
      done[k] = this.done[i]!;
    }
    return [tf.tensor(s, [n, ...shape]), tf.tensor1d(a, "int32"), tf.tensor1d(r), tf.tensor(s2, [n, ...shape]), tf.tensor1d(done)];
  }
}

/** The un-batched replay source; `.batch(n)` gives what the loop iterates. */
export class ReplaySource {
  constructor(
    readonly env: Environment,
    readonly net: ValueNetwork,
    readonly options: LearnerOptions & { trainEvery?: number },
  ) {}

  batch(size: number, options: BatchOptions = {}): ReplayBatches {
    return new ReplayBatches(this, size, options);
  }
}

/** An empty data set standing for an environment's experience (it has no stored examples). */
export function experienceDataset(env: Environment): Dataset {
  return new Dataset([], 0, 0, `${env.name} experience`);
}

/** The loop's view of a replay memory: `steps` batches per epoch, each after fresh play. */
export class ReplayBatches extends Batched implements ReportsEpochStats {
  private rng?: Rng;
  private memory?: TransitionMemory;
  private instance?: EnvInstance;
  private observation?: Float32Array;
  private episodeLength = 0;
  private episodeScore = 0;
  /** Environment steps played (the epsilon schedule's clock). */
  played = 0;
  /** Loop steps served. */
  private served = 0;
  private readonly stats = new EpisodeStats();

  constructor(
    readonly source: ReplaySource,
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
    return this.memory?.size ?? 0;
  }

  /** Mean length and score of the episodes that ended since the last call, and epsilon now. */
  epochStats(): Record<string, number> {
    return this.stats.take({ epsilon: epsilonAt(this.source.options.epsilon, this.played) });
  }

  override *epoch(epoch: number, start = 0, seed?: number): Generator<tf.Tensor[]> {
    const { env, options } = this.source;
    if (!this.rng) {
      this.rng = new Rng(seed ?? this.options.seed ?? 0).child(`${env.name}-replay`);
      this.memory = new TransitionMemory(options.capacity, observationSize(env));
      this.instance = env.create();
      this.observation = this.instance.reset(this.rng.child("reset"));
      while (this.memory.size < Math.max(options.warmup, this.size)) this.play();
    }
    for (let k = start; k < this.batchesPerEpoch; k++) {
      for (let i = 0; i < (this.source.options.trainEvery ?? 1); i++) this.play();
      const target = options.target;
      if (target && this.served % (options.syncEvery ?? 1) === 0) copyWeights(this.source.net, target);
      this.served++;
      yield this.memory!.sample(this.size, this.rng.child("sample"), env.observation);
    }
  }

  /** One epsilon-greedy environment step, stored. */
  private play(): void {
    const { env, net, options } = this.source;
    const rng = this.rng!.child("act");
    const s = this.observation!;
    const eps = epsilonAt(options.epsilon, this.played);
    const action = rng.next() < eps ? randomAction(rng, env.actions) : greedyActions(net, s, [1, ...env.observation])[0]!;
    const { observation, reward, terminal } = this.instance!.step(action);
    this.played++;
    this.episodeLength++;
    this.episodeScore += reward;
    this.memory!.push(s, action, reward, observation, terminal);
    if (terminal || this.episodeLength >= env.maxSteps) {
      this.stats.add(this.episodeLength, this.episodeScore);
      this.episodeLength = 0;
      this.episodeScore = 0;
      this.observation = this.instance!.reset(this.rng!.child("reset"));
    } else this.observation = observation;
  }
}

/** `dl.rl.replay(env, net, options)`; see `ReplaySource`. */
export function replay(env: Environment, net: ValueNetwork, options: LearnerOptions & { trainEvery?: number }): ReplaySource {
  return new ReplaySource(env, net, options);
}
