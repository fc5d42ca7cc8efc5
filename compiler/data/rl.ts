/**
 * Reinforcement learning as data: environments are data sources (`cartpole()`, `tmaze(length=5)`)
 * that yield nothing by themselves; an operation collects experience from one with a model
 * instance as the agent's network, and the loop reads that experience as batches:
 *
 *     data memory = cartpole() |> replay(q, target=target, sync_every=500) |> batch(64)
 *     for (s, a, r, s2, done) in memory { step opt minimize td_loss(q(s), a, r, target(s2), done) }
 *
 * The engine drives the environment: before each loop step the operation plays (epsilon-greedy
 * with the network's current weights) and stores what happened. Fields take their shapes from the
 * environment's observation and action spaces, and the network's input and output are checked
 * against them here, before anything runs.
 */
import { add, definitelyDifferent, dim, format, formatShape, type Dim } from "../shapes/dim.js";
import { arg, lit } from "../layers/helpers.js";
import type { ArgSpec, Args } from "../registry/types.js";
import type { DataOpContext, DataOpEntry, DataSourceEntry, EnvironmentSpec, InstanceShape } from "./types.js";

const maxStepsArg = (fallback: number): ArgSpec => ({ name: "max_steps", type: "int", default: String(fallback), doc: `Steps after which an episode is cut off (default ${fallback}).` });

export const cartpole: DataSourceEntry = {
  kind: "data-source",
  name: "cartpole",
  doc:
    "CartPole (Barto, Sutton & Anderson 1983) with the classic Gym dynamics (Euler steps of 0.02 s, force ±10 N, " +
    "failure past 12° or ±2.4 m): observation `f32[4]` (cart position, velocity, pole angle, angular velocity), " +
    "2 actions (push left, push right), reward 1 per step. An environment: collect experience with `replay`, " +
    "`episode_replay` or `rollouts`. `max_steps=200` is CartPole-v0 (solved at an average of 195 over 100 episodes).",
  args: [maxStepsArg(200)],
  fields: () => [],
  environment: (a) => ({ name: "cartpole", observation: [dim(4)], actions: dim(2), maxSteps: arg.dim(a.max_steps) }),
  emit: (a) => `dl.rl.cartpole({ maxSteps: ${lit(arg.dim(a.max_steps))} })`,
};

export const tmaze: DataSourceEntry = {
  kind: "data-source",
  name: "tmaze",
  doc:
    "The T-maze of Bakker (2002, \"Reinforcement Learning with Long Short-Term Memory\"): a corridor of `length` " +
    "cells ending in a T-junction. Only the first cell shows which arm holds the reward (observation `011` or " +
    "`110`), the corridor shows `101` and the junction `010`, so the agent must remember the sign: a partially " +
    "observable task. 4 actions (north, east, south, west); reward 4 at the right arm, −0.1 at the wrong arm " +
    "(both end the episode) and −0.1 for bumping into a wall. Episodes are cut off after `max_steps` " +
    "(default `2·length + 4`).",
  args: [
    { name: "length", type: "int", default: "5", doc: "Corridor cells before the junction." },
    { name: "max_steps", type: "int", default: "none", doc: "Steps after which an episode is cut off (default `2·length + 4`)." },
  ],
  fields: () => [],
  environment: (a) => ({ name: "tmaze", observation: [dim(3)], actions: dim(4), maxSteps: tmazeSteps(a) }),
  emit: (a) => `dl.rl.tmaze({ length: ${lit(arg.dim(a.length))}, maxSteps: ${lit(tmazeSteps(a))} })`,
};

function tmazeSteps(a: Args): Dim {
  return a.max_steps === undefined ? add(dim(4), dim(2 * (constOf(arg.dim(a.length)) ?? 0))) : arg.dim(a.max_steps);
}

function constOf(d: Dim): number | undefined {
  return d.k === "const" ? d.v : undefined;
}

/** Arguments every collecting operation shares: exploration. */
const explorationArgs = (start: string): ArgSpec[] => [
  { name: "epsilon", type: "float", default: start, doc: `Exploration at the start: the probability of a random action (default ${start}).` },
  { name: "epsilon_end", type: "float", default: "0.05", doc: "Exploration after `epsilon_decay` environment steps." },
  { name: "epsilon_decay", type: "int", default: "10000", doc: "Environment steps over which epsilon falls linearly from `epsilon` to `epsilon_end`." },
];

/** Arguments of the two replay memories: the target network and the epoch length. */
const learnerArgs = (capacity: string, warmup: string, unit: string): ArgSpec[] => [
  { name: "target", type: "model", default: "none", doc: "A second instance of the same model: a target network, a copy of the network refreshed every `sync_every` loop steps." },
  { name: "sync_every", type: "int", default: "500", doc: "Loop steps between copies of the network into `target`." },
  { name: "capacity", type: "int", default: capacity, doc: `${unit} the memory keeps (the oldest are overwritten).` },
  { name: "warmup", type: "int", default: warmup, doc: `${unit} played before the first loop step.` },
  { name: "steps", type: "int", default: "1000", doc: "Loop steps per epoch." },
];

/** Checks the agent's network against the environment: one input of the observation shape, one score per action. */
function checkNetwork(ctx: DataOpContext, env: EnvironmentSpec, net: InstanceShape, sequence: Dim | undefined): boolean {
  const want = sequence ? [sequence, ...env.observation] : env.observation;
  const perStep = sequence ? "[B, T + 1, ...observation] (T = max_steps: the whole episode plus the last observation)" : "[B, ...observation]";
  if (net.inputs.length !== 1) {
    ctx.fail(`${ctx.site}: the network '${net.name}' must take one input, the observation ${perStep}, but ${net.describe} takes ${net.inputs.length}`);
    return false;
  }
  const input = net.inputs[0]!;
  const got = input.shape.slice(1);
  if (got.length !== want.length || got.some((d, i) => definitelyDifferent(d, want[i]!)) || input.dtype !== "f32") {
    ctx.fail(
      `${ctx.site}: ${env.name}() observes f32${formatShape(env.observation)}, so '${net.name}' must take f32${formatShape([dim(0), ...want]).replace("[0", "[B")}, ` +
        `but ${net.describe} takes ${input.name}: ${input.dtype}${formatShape(input.shape)}`,
    );
    return false;
  }
  const out = net.output;
  const wantOut = sequence ? [sequence, env.actions] : [env.actions];
  if (!out || out.length !== wantOut.length + 1 || out.slice(1).some((d, i) => definitelyDifferent(d, wantOut[i]!))) {
    const actionAxis = out && out.length === wantOut.length + 1 ? `: its last axis is ${format(out[out.length - 1]!)}, but ${env.name}() has ${format(env.actions)} actions` : "";
    ctx.fail(
      `${ctx.site}: the network '${net.name}' must output one value per action, ${sequence ? `[B, ${format(sequence)}, ${format(env.actions)}]` : `[B, ${format(env.actions)}]`}, ` +
        `but ${net.describe} outputs ${out ? formatShape(out) : "a tuple"}${actionAxis}`,
    );
    return false;
  }
  return true;
}

/** The network argument and the optional target: both instances of the train block, the same model. */
function agent(ctx: DataOpContext): { net: InstanceShape; env: EnvironmentSpec } | undefined {
  const env = ctx.environment!;
  const net = ctx.instance?.(ctx.args.net);
  if (!net) return undefined;
  const target = ctx.args.target === undefined ? undefined : ctx.instance?.(ctx.args.target);
  if (target && target.key !== net.key) {
    ctx.fail(`${ctx.site}: the target network is a copy of '${net.name}', so it must be the same model with the same arguments: '${net.name}' is ${net.describe}, '${target.name}' is ${target.describe}`);
    return undefined;
  }
  if (target && target.name === net.name) {
    ctx.fail(`${ctx.site}: the target network must be a second instance (model ${net.name}_target = ${net.describe}), not '${net.name}' itself`);
    return undefined;
  }
  return { net, env };
}

function positive(ctx: DataOpContext, names: string[]): boolean {
  for (const n of names) {
    const v = constOf(arg.dim(ctx.args[n]));
    if (v === undefined || v < 1) {
      ctx.fail(`${ctx.site}: ${n} must be a constant ≥ 1, got ${format(arg.dim(ctx.args[n]))}`);
      return false;
    }
  }
  return true;
}

function epsilonOk(ctx: DataOpContext): boolean {
  for (const n of ["epsilon", "epsilon_end"]) {
    const v = arg.num(ctx.args[n]);
    if (!(v >= 0 && v <= 1)) {
      ctx.fail(`${ctx.site}: ${n} is a probability in [0, 1], got ${v}`);
      return false;
    }
  }
  return true;
}

const epsilonCode = (a: Args) => `epsilon: { start: ${arg.num(a.epsilon)}, end: ${arg.num(a.epsilon_end)}, decay: ${lit(arg.dim(a.epsilon_decay))} }`;
const learnerCode = (a: Args) =>
  `${a.target === undefined ? "" : `target: ${a.target as string}, syncEvery: ${lit(arg.dim(a.sync_every))}, `}capacity: ${lit(arg.dim(a.capacity))}, warmup: ${lit(arg.dim(a.warmup))}, steps: ${lit(arg.dim(a.steps))}, ${epsilonCode(a)}`;

export const replay: DataOpEntry = {
  kind: "data-op",
  name: "replay",
  doc:
    "Experience replay (Mnih et al. 2015, \"Human-level control through deep reinforcement learning\"): before each " +
    "loop step the agent takes one epsilon-greedy action with `net` in the environment and stores the transition; " +
    "`|> batch(n)` samples n stored transitions uniformly. Fields: `s: f32[...observation]`, `a: i32` (the action), " +
    "`r: f32`, `s2: f32[...observation]` (the next observation) and `done: f32` (1 where the episode failed; 0 where " +
    "it was only cut off at `max_steps`, so the value there is still bootstrapped). With `target`, the engine copies " +
    "`net` into it every `sync_every` steps. An epoch is `steps` loop steps; the history reports the mean length " +
    "and score of the episodes that ended in it.",
  args: [
    { name: "net", type: "model", doc: "The Q-network: observation `[B, ...]` → one value per action `[B, actions]`." },
    ...learnerArgs("50000", "1000", "Transitions"),
    ...explorationArgs("1.0"),
    { name: "train_every", type: "int", default: "1", doc: "Environment steps played before each loop step." },
  ],
  collects: true,
  apply(ctx) {
    const found = agent(ctx);
    if (!found || !checkNetwork(ctx, found.env, found.net, undefined)) return undefined;
    if (!positive(ctx, ["capacity", "warmup", "steps", "sync_every", "epsilon_decay", "train_every"]) || !epsilonOk(ctx)) return undefined;
    const obs = found.env.observation;
    return [
      { name: "s", shape: obs, dtype: "f32" },
      { name: "a", shape: [], dtype: "i32" },
      { name: "r", shape: [], dtype: "f32" },
      { name: "s2", shape: obs, dtype: "f32" },
      { name: "done", shape: [], dtype: "f32" },
    ];
  },
  emit: (ref, a) => `dl.rl.replay(${ref}, ${a.net as string}, { ${learnerCode(a)}, trainEvery: ${lit(arg.dim(a.train_every))} })`,
};

export const episodeReplay: DataOpEntry = {
  kind: "data-op",
  name: "episode_replay",
  doc:
    "Replay of whole episodes, for recurrent networks on partially observable tasks (Bakker 2002; Hausknecht & Stone " +
    "2015): before each loop step the agent plays `envs` episodes in parallel, epsilon-greedy, with `net` reading each " +
    "episode's history so far. `net` maps a whole episode `[B, T + 1, ...observation]` (T = max_steps) to values per step " +
    "and action `[B, T + 1, actions]`. Fields (padded to T steps; `mask` is 1 on steps that happened): `s: f32[T + 1, ...observation]`, " +
    "`a: i32[T]`, `r: f32[T]`, `done: f32[T]`, `mask: f32[T]`. Pass them to `td_loss(net(s), a, r, target(s), done, mask)`.",
  args: [
    { name: "net", type: "model", doc: "The recurrent network: `[B, T + 1, ...observation]` → `[B, T + 1, actions]`." },
    ...learnerArgs("1000", "100", "Episodes"),
    ...explorationArgs("1.0"),
    { name: "envs", type: "int", default: "8", doc: "Episodes played in parallel before each loop step." },
  ],
  collects: true,
  apply(ctx) {
    const env = ctx.environment!;
    const T1 = add(env.maxSteps, dim(1));
    const found = agent(ctx);
    if (!found || !checkNetwork(ctx, env, found.net, T1)) return undefined;
    if (!positive(ctx, ["capacity", "warmup", "steps", "sync_every", "epsilon_decay", "envs"]) || !epsilonOk(ctx)) return undefined;
    const T = env.maxSteps;
    return [
      { name: "s", shape: [T1, ...env.observation], dtype: "f32" },
      { name: "a", shape: [T], dtype: "i32" },
      { name: "r", shape: [T], dtype: "f32" },
      { name: "done", shape: [T], dtype: "f32" },
      { name: "mask", shape: [T], dtype: "f32" },
    ];
  },
  emit: (ref, a) => `dl.rl.episodeReplay(${ref}, ${a.net as string}, { ${learnerCode(a)}, envs: ${lit(arg.dim(a.envs))} })`,
};

export const rollouts: DataOpEntry = {
  kind: "data-op",
  name: "rollouts",
  doc:
    "Plays `count` whole episodes with `net` (greedy unless `epsilon` > 0) for evaluation, `|> batch(n)` episodes in " +
    "parallel. Fields: `length: f32` (steps the episode lasted) and `score: f32` (its summed reward), so " +
    "`metric episode_length = mean(length)` is the average episode length. A recurrent `net` (input `[B, T + 1, ...]`) " +
    "reads each episode's history.",
  args: [
    { name: "net", type: "model", doc: "The network acting: `[B, ...observation]` → `[B, actions]`, or a recurrent one over `[B, T + 1, ...]`." },
    { name: "count", type: "int", default: "100", doc: "Episodes per evaluation." },
    { name: "epsilon", type: "float", default: "0.0", doc: "Probability of a random action (0: greedy)." },
  ],
  collects: true,
  apply(ctx) {
    const env = ctx.environment!;
    const net = ctx.instance?.(ctx.args.net);
    if (!net) return undefined;
    const recurrent = net.inputs.length === 1 && net.inputs[0]!.shape.length === env.observation.length + 2;
    if (!checkNetwork(ctx, env, net, recurrent ? add(env.maxSteps, dim(1)) : undefined)) return undefined;
    if (!positive(ctx, ["count"])) return undefined;
    // The emitter reads it: a recurrent network is given each episode's history.
    ctx.args.recurrent = recurrent;
    const e = arg.num(ctx.args.epsilon);
    if (!(e >= 0 && e <= 1)) return ctx.fail(`${ctx.site}: epsilon is a probability in [0, 1], got ${e}`);
    return [
      { name: "length", shape: [], dtype: "f32" },
      { name: "score", shape: [], dtype: "f32" },
    ];
  },
  emit: (ref, a) => `dl.rl.rollouts(${ref}, ${a.net as string}, { count: ${lit(arg.dim(a.count))}, epsilon: ${arg.num(a.epsilon)}, recurrent: ${a.recurrent === true} })`,
};

/** The environments and the operations that collect experience from them. */
export const rlSources: DataSourceEntry[] = [cartpole, tmaze];
export const rlOps: DataOpEntry[] = [replay, episodeReplay, rollouts];
