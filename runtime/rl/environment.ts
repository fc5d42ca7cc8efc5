/**
 * Environments for reinforcement learning: a description (observation shape, action count,
 * episode cut-off) and a factory of independent instances, so experience collectors can play
 * several episodes side by side.
 */
import type { Rng } from "../rng.js";

/** What one step of an environment instance returns. */
export interface StepResult {
  observation: Float32Array;
  reward: number;
  /** The episode ended in the task itself (the pole fell, an arm of the maze was reached). */
  terminal: boolean;
}

/** One running copy of an environment. */
export interface EnvInstance {
  /** Starts an episode; random initial states draw from `rng`. */
  reset(rng: Rng): Float32Array;
  step(action: number): StepResult;
}

/** An environment as generated code creates it (`dl.rl.cartpole({ maxSteps: 200 })`). */
export interface Environment {
  readonly name: string;
  /** Shape of one observation. */
  readonly observation: readonly number[];
  /** Number of discrete actions. */
  readonly actions: number;
  /** Steps after which an episode is cut off (not a failure: the value there is still bootstrapped). */
  readonly maxSteps: number;
  create(): EnvInstance;
}

/** Number of scalars in one observation. */
export function observationSize(env: Environment): number {
  return env.observation.reduce((a, b) => a * b, 1);
}
