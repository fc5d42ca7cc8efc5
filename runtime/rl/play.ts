/**
 * Plays whole episodes of several environment instances side by side, one batched network call
 * per time step for all of them: evaluation rollouts and the episode memory of recurrent agents.
 */
import { greedyActions, greedyActionsAt, randomAction, type ValueNetwork } from "./agent.js";
import { observationSize, type Environment } from "./environment.js";
import type { Rng } from "../rng.js";

/** One finished episode, padded to the environment's `maxSteps` (T). */
export interface Episode {
  /** `[T + 1, obs]`: the observations seen, zero after the last one. */
  observations: Float32Array;
  actions: Int32Array;
  rewards: Float32Array;
  /** 1 at the step that failed or reached a goal. */
  done: Float32Array;
  length: number;
  score: number;
}

/**
 * Plays `n` episodes in parallel. A `recurrent` network reads each episode's history
 * `[n, T + 1, ...obs]` and acts on its output at the current step; otherwise the network reads
 * the current observations `[n, ...obs]`.
 */
export function playEpisodes(env: Environment, net: ValueNetwork, n: number, rng: Rng, epsilon: number, recurrent: boolean): Episode[] {
  const T = env.maxSteps;
  const obs = observationSize(env);
  const instances = Array.from({ length: n }, () => env.create());
  const episodes: Episode[] = instances.map(() => ({
    observations: new Float32Array((T + 1) * obs),
    actions: new Int32Array(T),
    rewards: new Float32Array(T),
    done: new Float32Array(T),
    length: 0,
    score: 0,
  }));
  const current = new Float32Array(n * obs);
  for (const [i, inst] of instances.entries()) {
    const o = inst.reset(rng.child("reset"));
    episodes[i]!.observations.set(o, 0);
    current.set(o, i * obs);
  }
  const running = new Set(instances.keys());
  for (let t = 0; t < T && running.size; t++) {
    const act = rng.child("act");
    const explore = instances.map(() => act.next() < epsilon);
    let greedy: Int32Array | undefined;
    if (explore.some((e, i) => !e && running.has(i))) {
      if (recurrent) {
        const histories = new Float32Array(n * (T + 1) * obs);
        for (const [i, e] of episodes.entries()) histories.set(e.observations, i * (T + 1) * obs);
        greedy = greedyActionsAt(net, histories, [n, T + 1, ...env.observation], Int32Array.from(episodes, () => t));
      } else greedy = greedyActions(net, current, [n, ...env.observation]);
    }
    for (const i of [...running]) {
      const e = episodes[i]!;
      const action = explore[i] || !greedy ? randomAction(act, env.actions) : greedy[i]!;
      const { observation, reward, terminal } = instances[i]!.step(action);
      e.actions[t] = action;
      e.rewards[t] = reward;
      e.done[t] = terminal ? 1 : 0;
      e.observations.set(observation, (t + 1) * obs);
      current.set(observation, i * obs);
      e.length = t + 1;
      e.score += reward;
      if (terminal) running.delete(i);
    }
  }
  return episodes;
}
