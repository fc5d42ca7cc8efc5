/**
 * Visual reinforcement learning with imagined goals (RIG, Nair et al. 2018) on a point-reaching
 * task seen as images: `dl.rl.reach` renders a point in the unit square as a `size × size` image;
 * `dl.rl.rig(env, q, {encoder, ...}).batch(n)` acts with a goal-conditioned Q-network on VAE
 * latents (goals drawn from the VAE prior N(0, I) per episode), stores image transitions, and at
 * sampling time relabels each goal (half the time the encoding of a later observation of the same
 * episode, otherwise a fresh prior draw) and computes the reward `−‖μ(s2) − g‖` with the encoder as
 * it is now. `dl.rl.goalRollouts` evaluates on goal images of random true positions.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Batched, type BatchOptions } from "../data/batched.js";
import type { Module } from "../module.js";
import { Rng } from "../rng.js";
import { copyWeights, epsilonAt, randomAction, type EpsilonSchedule } from "./agent.js";
import { observationSize, type EnvInstance, type Environment, type StepResult } from "./environment.js";
import { EpisodeStats, type ReportsEpochStats } from "./episode-stats.js";
import { experienceDataset } from "./replay.js";

const moves: readonly [number, number][] = [
  [0, 0.1],
  [0.1, 0],
  [0, -0.1],
  [-0.1, 0],
];

/** A point in [0, 1]² drawn as a Gaussian blob (σ = one pixel) on a `size × size` image. */
export class ReachInstance implements EnvInstance {
  x = 0.5;
  y = 0.5;
  constructor(readonly size: number) {}

  reset(rng: Rng): Float32Array {
    this.x = rng.next();
    this.y = rng.next();
    return renderPoint(this.x, this.y, this.size);
  }

  step(action: number): StepResult {
    const [dx, dy] = moves[action]!;
    this.x = Math.min(1, Math.max(0, this.x + dx));
    this.y = Math.min(1, Math.max(0, this.y + dy));
    return { observation: renderPoint(this.x, this.y, this.size), reward: 0, terminal: false };
  }
}

export function renderPoint(x: number, y: number, size: number): Float32Array {
  const img = new Float32Array(size * size);
  const px = x * (size - 1);
  const py = y * (size - 1);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) img[r * size + c] = Math.exp(-((c - px) ** 2 + (r - py) ** 2) / 2);
  return img;
}

/** `reach({size, maxSteps})`: 4 actions (±0.1 along each axis); no reward of its own (goals come from RIG). */
export function reach(options: { size?: number; maxSteps?: number } = {}): Environment & { size: number } {
  const size = options.size ?? 16;
  return { name: "reach", size, observation: [size, size, 1], actions: 4, maxSteps: options.maxSteps ?? 20, create: () => new ReachInstance(size) };
}

/** The VAE encoder: images → `[μ, log σ²]`. */
export type LatentEncoder = Module & { apply(x: tf.Tensor, training: boolean): tf.Tensor[] };
/** The goal-conditioned Q-network: `(z, g)` → one value per action. */
export type GoalQNetwork = Module & { apply(z: tf.Tensor, g: tf.Tensor, training: boolean): tf.Tensor };

export interface RigOptions {
  encoder: LatentEncoder;
  latent: number;
  target?: GoalQNetwork;
  syncEvery?: number;
  capacity: number;
  warmup: number;
  steps: number;
  epsilon: EpsilonSchedule;
  /** Fraction of sampled goals relabeled with a later observation of the same episode (the rest: prior draws). */
  future: number;
}

const mu = (encoder: LatentEncoder, x: tf.Tensor) => encoder.apply(x, false)[0]!;

export class RigSource {
  constructor(
    readonly env: Environment,
    readonly q: GoalQNetwork,
    readonly options: RigOptions,
  ) {}
  batch(size: number, options: BatchOptions = {}): RigBatches {
    return new RigBatches(this, size, options);
  }
}

export class RigBatches extends Batched implements ReportsEpochStats {
  private rng?: Rng;
  private s = new Float32Array(0);
  private s2 = new Float32Array(0);
  private a = new Int32Array(0);
  private episode = new Int32Array(0);
  private readonly last = new Map<number, number>();
  private size_ = 0;
  private next = 0;
  private instance?: EnvInstance;
  private observation?: Float32Array;
  private goal?: Float32Array;
  private episodeNo = 0;
  private episodeLength = 0;
  private played = 0;
  private served = 0;
  private readonly stats = new EpisodeStats();

  constructor(
    readonly source: RigSource,
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
    return this.size_;
  }
  epochStats(): Record<string, number> {
    return this.stats.take({ epsilon: epsilonAt(this.source.options.epsilon, this.played) });
  }

  override *epoch(_epoch: number, start = 0, seed?: number): Generator<tf.Tensor[]> {
    const { env, options } = this.source;
    const obs = observationSize(env);
    if (!this.rng) {
      this.rng = new Rng(seed ?? this.options.seed ?? 0).child(`${env.name}-rig`);
      this.s = new Float32Array(options.capacity * obs);
      this.s2 = new Float32Array(options.capacity * obs);
      this.a = new Int32Array(options.capacity);
      this.episode = new Int32Array(options.capacity);
      this.startEpisode();
      while (this.size_ < Math.max(options.warmup, this.size)) this.play();
    }
    for (let k = start; k < this.batchesPerEpoch; k++) {
      this.play();
      if (options.target && this.served % (options.syncEvery ?? 1) === 0) copyWeights(this.source.q, options.target);
      this.served++;
      yield this.sample();
    }
  }

  private startEpisode(): void {
    this.instance ??= this.source.env.create();
    this.observation = this.instance.reset(this.rng!.child("reset"));
    this.goal = Float32Array.from({ length: this.source.options.latent }, () => gaussian(this.rng!.child("goal")));
    this.episodeNo++;
    this.episodeLength = 0;
  }

  /** One epsilon-greedy step toward the episode's imagined goal, stored. */
  private play(): void {
    const { env, q, options } = this.source;
    const obs = observationSize(env);
    const rng = this.rng!.child("act");
    const s = this.observation!;
    const action =
      rng.next() < epsilonAt(options.epsilon, this.played)
        ? randomAction(rng, env.actions)
        : tf.tidy(() => tf.argMax(q.apply(mu(options.encoder, tf.tensor(s, [1, ...env.observation])), tf.tensor(this.goal!, [1, options.latent]), false), -1).dataSync()[0]!);
    const { observation } = this.instance!.step(action);
    const i = this.next;
    const old = this.episode[i]!;
    if (this.size_ === options.capacity && this.last.get(old) === i) this.last.delete(old);
    this.s.set(s, i * obs);
    this.s2.set(observation, i * obs);
    this.a[i] = action;
    this.episode[i] = this.episodeNo;
    this.last.set(this.episodeNo, i);
    this.next = (i + 1) % options.capacity;
    this.size_ = Math.min(this.size_ + 1, options.capacity);
    this.played++;
    this.episodeLength++;
    this.observation = observation;
    if (this.episodeLength >= env.maxSteps) {
      this.stats.add(this.episodeLength, 0);
      this.startEpisode();
    }
  }

  /** `[x, z, g, a, r, z2, done]` for `n` transitions with relabeled goals and rewards from the current encoder. */
  private sample(): tf.Tensor[] {
    const { env, options } = this.source;
    const obs = observationSize(env);
    const n = this.size;
    const L = options.latent;
    const rng = this.rng!.child("sample");
    const s = new Float32Array(n * obs);
    const s2 = new Float32Array(n * obs);
    const sg = new Float32Array(n * obs);
    const a = new Int32Array(n);
    const useFuture = new Float32Array(n);
    const prior = new Float32Array(n * L);
    const cap = options.capacity;
    for (let k = 0; k < n; k++) {
      const i = Math.min(this.size_ - 1, Math.floor(rng.next() * this.size_));
      s.set(this.s.subarray(i * obs, (i + 1) * obs), k * obs);
      s2.set(this.s2.subarray(i * obs, (i + 1) * obs), k * obs);
      a[k] = this.a[i]!;
      if (rng.next() < options.future) {
        const end = this.last.get(this.episode[i]!) ?? i;
        const span = (end - i + cap) % cap;
        const j = (i + Math.floor(rng.next() * (span + 1))) % cap;
        sg.set(this.s2.subarray(j * obs, (j + 1) * obs), k * obs);
        useFuture[k] = 1;
      } else for (let d = 0; d < L; d++) prior[k * L + d] = gaussian(rng);
    }
    return tf.tidy(() => {
      const shape = [n, ...env.observation];
      const x = tf.tensor(s, shape);
      const all = mu(options.encoder, tf.concat([x, tf.tensor(s2, shape), tf.tensor(sg, shape)], 0));
      const [z, z2, zg] = tf.split(all, 3, 0) as [tf.Tensor, tf.Tensor, tf.Tensor];
      const m = tf.tensor2d(useFuture, [n, 1]);
      const g = tf.add(tf.mul(m, zg), tf.mul(tf.sub(1, m), tf.tensor2d(prior, [n, L])));
      const r = tf.neg(tf.sqrt(tf.add(tf.sum(tf.square(tf.sub(z2, g)), -1), 1e-12)));
      return [x, z, g, tf.tensor1d(a, "int32"), r, z2, tf.zeros([n])];
    });
  }
}

function gaussian(rng: Rng): number {
  const u = Math.max(1e-12, rng.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** `dl.rl.rig(env, q, options)`; see `RigBatches`. */
export function rig(env: Environment, q: GoalQNetwork, options: RigOptions): RigSource {
  return new RigSource(env, q, options);
}

export interface GoalRolloutOptions {
  encoder: LatentEncoder;
  latent: number;
  count: number;
}

/**
 * Evaluation on real goals: each episode starts at a random point and is given the image of
 * another random point, encoded to its latent mean; the greedy Q-network acts for `maxSteps`
 * steps. Yields `[distance, start]` per episode: the true final and initial distances to the goal.
 */
export class GoalRolloutBatches extends Batched {
  private evaluations = 0;
  constructor(
    readonly env: Environment & { size: number },
    readonly q: GoalQNetwork,
    readonly goalOptions: GoalRolloutOptions,
    size: number,
    options: BatchOptions,
  ) {
    super(experienceDataset(env), size, options);
  }
  override get batchesPerEpoch(): number {
    return Math.ceil(this.goalOptions.count / this.size);
  }
  override get length(): number {
    return this.goalOptions.count;
  }
  override *epoch(_epoch: number, start = 0, seed?: number): Generator<tf.Tensor[]> {
    const { env, q, goalOptions } = this;
    const obs = observationSize(env);
    const rng = new Rng(seed ?? this.options.seed ?? 0).child(`${env.name}-goal-rollouts`).child(String(this.evaluations++));
    for (let k = start; k < this.batchesPerEpoch; k++) {
      const n = Math.min(this.size, goalOptions.count - k * this.size);
      const r = rng.child(`batch${k}`);
      const inst = Array.from({ length: n }, () => new ReachInstance(env.size));
      const current = new Float32Array(n * obs);
      const goals = new Float32Array(n * obs);
      const gx: number[] = [];
      const gy: number[] = [];
      for (const [i, e] of inst.entries()) {
        current.set(e.reset(r), i * obs);
        gx.push(r.next());
        gy.push(r.next());
        goals.set(renderPoint(gx[i]!, gy[i]!, env.size), i * obs);
      }
      const dist = (i: number) => Math.hypot(inst[i]!.x - gx[i]!, inst[i]!.y - gy[i]!);
      const startDist = inst.map((_, i) => dist(i));
      const g = tf.tidy(() => mu(goalOptions.encoder, tf.tensor(goals, [n, ...env.observation])));
      for (let t = 0; t < env.maxSteps; t++) {
        const acts = tf.tidy(() => tf.argMax(q.apply(mu(goalOptions.encoder, tf.tensor(current, [n, ...env.observation])), g, false), -1).dataSync() as Int32Array);
        for (const [i, e] of inst.entries()) current.set(e.step(acts[i]!).observation, i * obs);
      }
      g.dispose();
      yield [tf.tensor1d(inst.map((_, i) => dist(i))), tf.tensor1d(startDist)];
    }
  }
}

/** `dl.rl.goalRollouts(env, q, options).batch(n)`. */
export function goalRollouts(env: Environment & { size: number }, q: GoalQNetwork, options: GoalRolloutOptions): { batch(size: number, o?: BatchOptions): GoalRolloutBatches } {
  return { batch: (size, o = {}) => new GoalRolloutBatches(env, q, options, size, o) };
}
