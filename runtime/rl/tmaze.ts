/**
 * The T-maze of Bakker (2002), a partially observable task: a corridor of `length` cells, then a
 * junction with a north and a south arm. Only the start cell shows where the reward is (`011`:
 * north, `110`: south); the corridor shows `101` and the junction `010`. Actions: 0 north,
 * 1 east, 2 south, 3 west. Reaching the right arm gives 4, the wrong arm −0.1 (both end the
 * episode); a move into a wall leaves the agent in place and costs −0.1.
 */
import type { Rng } from "../rng.js";
import type { EnvInstance, Environment, StepResult } from "./environment.js";

/** One maze run. */
export class TMazeInstance implements EnvInstance {
  position = 0;
  /** 0: the reward is in the north arm, 1: south. */
  goal = 0;

  constructor(readonly length: number) {}

  reset(rng: Rng): Float32Array {
    this.position = 0;
    this.goal = rng.next() < 0.5 ? 0 : 1;
    return this.observe();
  }

  private observe(): Float32Array {
    if (this.position === 0) return Float32Array.from(this.goal === 0 ? [0, 1, 1] : [1, 1, 0]);
    if (this.position === this.length) return Float32Array.from([0, 1, 0]);
    return Float32Array.from([1, 0, 1]);
  }

  step(action: number): StepResult {
    const atJunction = this.position === this.length;
    if (atJunction && (action === 0 || action === 2)) {
      const right = (action === 0 ? 0 : 1) === this.goal;
      return { observation: this.observe(), reward: right ? 4 : -0.1, terminal: true };
    }
    if (action === 1 && !atJunction) {
      this.position++;
      return { observation: this.observe(), reward: 0, terminal: false };
    }
    if (action === 3 && this.position > 0) {
      this.position--;
      return { observation: this.observe(), reward: 0, terminal: false };
    }
    return { observation: this.observe(), reward: -0.1, terminal: false };
  }
}

/** `tmaze(length=5)`; episodes are cut off after `maxSteps` (default 2·length + 4). */
export function tmaze(options: { length?: number; maxSteps?: number } = {}): Environment {
  const length = options.length ?? 5;
  return { name: "tmaze", observation: [3], actions: 4, maxSteps: options.maxSteps ?? 2 * length + 4, create: () => new TMazeInstance(length) };
}
