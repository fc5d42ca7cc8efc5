/**
 * `dl.rl.gail(env, policy, {discriminator, ...}).batch(n)`: generative adversarial imitation
 * learning (Ho & Ermon 2016) with a PPO-clip policy step (Schulman et al. 2017) instead of the
 * paper's TRPO. At the first epoch a scripted expert plays `demos` episodes; then, whenever the
 * last rollout is used up, the policy (a softmax over its logits, sampled) plays `envs` whole
 * episodes in parallel, each step is rewarded `−log(1 − D(s, a))` with the discriminator's
 * current probabilities, and the discounted rewards-to-go, normalized over the rollout, are the
 * advantages (no value baseline: REINFORCE's return with a batch-normalized baseline). Each batch
 * is `[s, a, logp, adv, se, ae]`: `n` policy steps of the rollout (shuffled, `passes` passes over
 * it) with the log-probability the policy gave its action when it acted, and `n` expert pairs
 * drawn uniformly from the demonstrations.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Batched, type BatchOptions } from "../data/batched.js";
import type { Module } from "../module.js";
import { Rng } from "../rng.js";
import type { ValueNetwork } from "./agent.js";
import { observationSize, type Environment } from "./environment.js";
import { EpisodeStats, type ReportsEpochStats } from "./episode-stats.js";
import { experienceDataset } from "./replay.js";

/** A discriminator over state-action pairs: `apply(s [N, ...obs], a i32 [N])` → probabilities `[N, 1]` or `[N]` that the pair is the expert's. */
export type PairDiscriminator = Module & { apply(s: tf.Tensor, a: tf.Tensor, training: boolean): tf.Tensor };

/** A scripted expert: an action for one observation. */
export type Expert = (observation: Float32Array) => number;

/**
 * CartPole's scripted expert, a linear state-feedback controller (push toward the side the pole
 * falls to, damped by its angular velocity and the cart's drift): it holds the pole for all 200
 * steps of CartPole-v0 from every start state we tried (50 of 50).
 */
export const cartpoleExpert: Expert = (o) => (o[2]! + 0.5 * o[3]! + 0.01 * o[0]! + 0.1 * o[1]! > 0 ? 1 : 0);

/** Scripted experts by environment name. */
export const experts: Readonly<Record<string, Expert>> = { cartpole: cartpoleExpert };

export interface GailOptions {
  discriminator: PairDiscriminator;
  /** Expert episodes recorded before training. */
  demos: number;
  /** Episodes the policy plays in parallel per rollout. */
  envs: number;
  /** Passes over each rollout (PPO's epochs) before the next one is played. */
  passes: number;
  gamma: number;
  /** Loop steps per epoch. */
  steps: number;
}

export class GailSource {
  constructor(
    readonly env: Environment,
    readonly policy: ValueNetwork,
    readonly options: GailOptions,
  ) {}

  batch(size: number, options: BatchOptions = {}): GailBatches {
    return new GailBatches(this, size, options);
  }
}

/** Transitions of one rollout, flattened over episodes. */
interface Rollout {
  s: Float32Array;
  a: Int32Array;
  logp: Float32Array;
  adv: Float32Array;
  count: number;
}

export class GailBatches extends Batched implements ReportsEpochStats {
  private rng?: Rng;
  private expertS?: Float32Array;
  private expertA?: Int32Array;
  private rollout?: Rollout;
  private order: number[] = [];
  private cursor = 0;
  private passesLeft = 0;
  private readonly stats = new EpisodeStats();
  private rewardSum = 0;
  private rewardCount = 0;
  /** Rollouts played so far. */
  rollouts = 0;

  constructor(
    readonly source: GailSource,
    size: number,
    options: BatchOptions,
  ) {
    super(experienceDataset(source.env), size, options);
  }

  override get batchesPerEpoch(): number {
    return this.source.options.steps;
  }

  override get length(): number {
    return this.rollout?.count ?? 0;
  }

  /** Episodes the policy played this epoch (environment reward) and the mean discriminator reward per step. */
  epochStats(): Record<string, number> {
    const extra: Record<string, number> = this.rewardCount ? { gail_reward: this.rewardSum / this.rewardCount } : {};
    this.rewardSum = this.rewardCount = 0;
    return this.stats.take(extra);
  }

  /** The expert's pairs `[s, a]`, recorded on first use. */
  demonstrations(): { s: Float32Array; a: Int32Array } {
    this.init(undefined);
    return { s: this.expertS!, a: this.expertA! };
  }

  private init(seed: number | undefined): void {
    if (this.rng) return;
    const { env, options } = this.source;
    this.rng = new Rng(seed ?? this.options.seed ?? 0).child(`${env.name}-gail`);
    const expert = experts[env.name];
    if (!expert) throw new Error(`gail: no scripted expert for ${env.name}()`);
    const obs = observationSize(env);
    const s: number[] = [];
    const a: number[] = [];
    const rng = this.rng.child("demos");
    for (let e = 0; e < options.demos; e++) {
      const inst = env.create();
      let o = inst.reset(rng);
      for (let t = 0; t < env.maxSteps; t++) {
        const act = expert(o);
        for (let i = 0; i < obs; i++) s.push(o[i]!);
        a.push(act);
        const r = inst.step(act);
        o = r.observation;
        if (r.terminal) break;
      }
    }
    this.expertS = Float32Array.from(s);
    this.expertA = Int32Array.from(a);
  }

  override *epoch(_epoch: number, start = 0, seed?: number): Generator<tf.Tensor[]> {
    this.init(seed);
    const { env } = this.source;
    const obs = observationSize(env);
    const n = this.size;
    for (let k = start; k < this.batchesPerEpoch; k++) {
      if (!this.rollout || this.cursor + n > this.order.length) {
        if (!this.rollout || this.passesLeft <= 0) {
          this.rollout = this.play();
          this.passesLeft = this.source.options.passes;
        }
        this.passesLeft--;
        this.order = shuffled(this.rollout.count, this.rng!.child("shuffle"));
        while (this.order.length < n) this.order.push(...shuffled(this.rollout.count, this.rng!.child("shuffle")));
        this.cursor = 0;
      }
      const ro = this.rollout;
      const s = new Float32Array(n * obs);
      const a = new Int32Array(n);
      const logp = new Float32Array(n);
      const adv = new Float32Array(n);
      for (let j = 0; j < n; j++) {
        const i = this.order[this.cursor++]!;
        s.set(ro.s.subarray(i * obs, (i + 1) * obs), j * obs);
        a[j] = ro.a[i]!;
        logp[j] = ro.logp[i]!;
        adv[j] = ro.adv[i]!;
      }
      const es = new Float32Array(n * obs);
      const ea = new Int32Array(n);
      const pick = this.rng!.child("expert");
      const total = this.expertA!.length;
      for (let j = 0; j < n; j++) {
        const i = Math.min(total - 1, Math.floor(pick.next() * total));
        es.set(this.expertS!.subarray(i * obs, (i + 1) * obs), j * obs);
        ea[j] = this.expertA![i]!;
      }
      yield [tf.tensor(s, [n, ...env.observation]), tf.tensor1d(a, "int32"), tf.tensor1d(logp), tf.tensor1d(adv), tf.tensor(es, [n, ...env.observation]), tf.tensor1d(ea, "int32")];
    }
  }

  /** `envs` episodes with actions sampled from the policy; rewards from the discriminator. */
  private play(): Rollout {
    const { env, policy, options } = this.source;
    const obs = observationSize(env);
    const rng = this.rng!.child("play");
    const m = options.envs;
    const instances = Array.from({ length: m }, () => env.create());
    const current = new Float32Array(m * obs);
    for (const [i, inst] of instances.entries()) current.set(inst.reset(rng), i * obs);
    const episodes: { s: number[]; a: number[]; logp: number[]; score: number }[] = instances.map(() => ({ s: [], a: [], logp: [], score: 0 }));
    const running = new Set(instances.keys());
    for (let t = 0; t < env.maxSteps && running.size; t++) {
      const logProbs = tf.tidy(() => tf.logSoftmax(policy.apply(tf.tensor(current, [m, ...env.observation]), false)).dataSync() as Float32Array);
      for (const i of [...running]) {
        const row = logProbs.subarray(i * env.actions, (i + 1) * env.actions);
        let u = rng.next();
        let action = env.actions - 1;
        for (let j = 0; j < env.actions; j++) {
          u -= Math.exp(row[j]!);
          if (u < 0) {
            action = j;
            break;
          }
        }
        const e = episodes[i]!;
        for (let q = 0; q < obs; q++) e.s.push(current[i * obs + q]!);
        e.a.push(action);
        e.logp.push(row[action]!);
        const { observation, reward, terminal } = instances[i]!.step(action);
        e.score += reward;
        current.set(observation, i * obs);
        if (terminal) running.delete(i);
      }
    }
    for (const e of episodes) this.stats.add(e.a.length, e.score);
    const s = Float32Array.from(episodes.flatMap((e) => e.s));
    const a = Int32Array.from(episodes.flatMap((e) => e.a));
    const count = a.length;
    // The imitation reward −log(1 − D(s, a)) from the discriminator as it is now.
    const d = tf.tidy(() => tf.reshape(options.discriminator.apply(tf.tensor(s, [count, ...env.observation]), tf.tensor1d(a, "int32"), false), [count]).dataSync() as Float32Array);
    const adv = new Float32Array(count);
    let offset = 0;
    for (const e of episodes) {
      let ret = 0;
      for (let t = e.a.length - 1; t >= 0; t--) {
        const r = -Math.log(Math.max(1e-8, 1 - d[offset + t]!));
        this.rewardSum += r;
        this.rewardCount++;
        ret = r + options.gamma * ret;
        adv[offset + t] = ret;
      }
      offset += e.a.length;
    }
    let mean = 0;
    for (const v of adv) mean += v / count;
    let variance = 0;
    for (const v of adv) variance += (v - mean) ** 2 / count;
    const std = Math.sqrt(variance) + 1e-8;
    for (let i = 0; i < count; i++) adv[i] = (adv[i]! - mean) / std;
    this.rollouts++;
    return { s, a, logp: Float32Array.from(episodes.flatMap((e) => e.logp)), adv, count };
  }
}

function shuffled(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `dl.rl.gail(env, policy, options)`; see `GailBatches`. */
export function gail(env: Environment, policy: ValueNetwork, options: GailOptions): GailSource {
  return new GailSource(env, policy, options);
}
