/**
 * Generative models in reinforcement learning, as collecting operations on environments:
 * GAIL (Ho & Ermon 2016: a policy imitates a scripted expert through a discriminator over
 * state-action pairs) and RIG (Nair et al. 2018: a goal-conditioned agent acts in the latent space
 * of a VAE trained on its own image observations, with goals imagined from the VAE's prior).
 */
import { definitelyDifferent, dim, format, formatShape, type Dim } from "../shapes/dim.js";
import { arg, lit } from "../layers/helpers.js";
import type { DataOpContext, DataOpEntry, DataSourceEntry, EnvironmentSpec, InstanceShape } from "./types.js";

const constOf = (d: Dim): number | undefined => (d.k === "const" ? d.v : undefined);
const sameDims = (a: Dim[], b: Dim[]) => a.length === b.length && !a.some((d, i) => definitelyDifferent(d, b[i]!));
const bShape = (dims: Dim[]) => formatShape([dim(0), ...dims]).replace("[0", "[B");

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

/** Environments with a scripted expert in the runtime (runtime/rl/gail.ts). */
const withExpert = new Set(["cartpole"]);

/** The policy: observation `[B, ...obs]` → one logit per action `[B, actions]`. */
function checkPolicy(ctx: DataOpContext, env: EnvironmentSpec, net: InstanceShape): boolean {
  const input = net.inputs[0];
  if (net.inputs.length !== 1 || !input || input.dtype !== "f32" || !sameDims(input.shape.slice(1), env.observation)) {
    return !ctx.fail(`${ctx.site}: ${env.name}() observes f32${formatShape(env.observation)}, so the policy '${net.name}' must take one input f32${bShape(env.observation)}, but ${net.describe} takes ${net.inputs.map((i) => `${i.name}: ${i.dtype}${formatShape(i.shape)}`).join(", ")}`);
  }
  if (!net.output || !sameDims(net.output.slice(1), [env.actions])) {
    return !ctx.fail(`${ctx.site}: the policy '${net.name}' must output one logit per action, [B, ${format(env.actions)}], but ${net.describe} outputs ${net.output ? formatShape(net.output) : "a tuple"}`);
  }
  return true;
}

export const gail: DataOpEntry = {
  kind: "data-op",
  name: "gail",
  doc:
    "Generative adversarial imitation learning (Ho & Ermon 2016, \"Generative Adversarial Imitation Learning\") with a " +
    "PPO-clip policy step (Schulman et al. 2017), not the paper's TRPO. A scripted expert (CartPole: a linear " +
    "state-feedback controller that holds the pole for all 200 steps) records `demos` episodes first. Then the policy " +
    "`net` (logits) plays `envs` whole episodes in parallel, sampling its actions; each step is rewarded " +
    "`−log(1 − D(s, a))` with the current `discriminator` probabilities, and the discounted rewards-to-go, normalized " +
    "over the rollout, are the advantages (no value baseline). `|> batch(n)` yields `n` rollout steps (`passes` passes " +
    "over each rollout) and `n` expert pairs: `s: f32[...observation]`, `a: i32`, `logp: f32` (log π(a|s) when it acted), " +
    "`adv: f32`, `se: f32[...observation]`, `ae: i32` (the expert's). Train D with `gan_d_loss(d(se, ae), d(s, a))` " +
    "(expert = real) and the policy with `ppo_clip_loss(net(s), a, logp, adv)`.",
  args: [
    { name: "net", type: "model", doc: "The policy: observation `[B, ...]` → one logit per action `[B, actions]`." },
    { name: "discriminator", type: "model", doc: "D(s, a): `(f32[B, ...observation], i32[B])` → probability `[B, 1]` that the pair is the expert's." },
    { name: "demos", type: "int", default: "20", doc: "Expert episodes recorded before training." },
    { name: "envs", type: "int", default: "8", doc: "Episodes the policy plays in parallel per rollout." },
    { name: "passes", type: "int", default: "4", doc: "Passes over each rollout (PPO's epochs) before the next is played." },
    { name: "gamma", type: "float", default: "0.99", doc: "Discount of the imitation reward." },
    { name: "steps", type: "int", default: "100", doc: "Loop steps per epoch." },
  ],
  collects: true,
  apply(ctx) {
    const env = ctx.environment!;
    if (!withExpert.has(env.name)) return ctx.fail(`${ctx.site}: gail needs a scripted expert, and only cartpole() has one; ${env.name}() has none`);
    const net = ctx.instance?.(ctx.args.net);
    const d = ctx.instance?.(ctx.args.discriminator);
    if (!net || !d) return undefined;
    if (!checkPolicy(ctx, env, net)) return undefined;
    const [ds, da] = d.inputs;
    if (d.inputs.length !== 2 || !ds || !da || ds.dtype !== "f32" || !sameDims(ds.shape.slice(1), env.observation) || da.dtype !== "i32" || da.shape.length !== 1) {
      return ctx.fail(`${ctx.site}: the discriminator '${d.name}' must take a state f32${bShape(env.observation)} and an action i32[B], but ${d.describe} takes ${d.inputs.map((i) => `${i.name}: ${i.dtype}${formatShape(i.shape)}`).join(", ")}`);
    }
    if (!d.output || !(sameDims(d.output.slice(1), [dim(1)]) || d.output.length === 1)) {
      return ctx.fail(`${ctx.site}: the discriminator '${d.name}' must output one probability per pair, [B, 1], but ${d.describe} outputs ${d.output ? formatShape(d.output) : "a tuple"}`);
    }
    if (!positive(ctx, ["demos", "envs", "passes", "steps"])) return undefined;
    const gamma = arg.num(ctx.args.gamma);
    if (!(gamma >= 0 && gamma <= 1)) return ctx.fail(`${ctx.site}: gamma is a discount in [0, 1], got ${gamma}`);
    const obs = env.observation;
    return [
      { name: "s", shape: obs, dtype: "f32" },
      { name: "a", shape: [], dtype: "i32" },
      { name: "logp", shape: [], dtype: "f32" },
      { name: "adv", shape: [], dtype: "f32" },
      { name: "se", shape: obs, dtype: "f32" },
      { name: "ae", shape: [], dtype: "i32" },
    ];
  },
  emit: (ref, a) =>
    `dl.rl.gail(${ref}, ${a.net as string}, { discriminator: ${a.discriminator as string}, demos: ${lit(arg.dim(a.demos))}, envs: ${lit(arg.dim(a.envs))}, passes: ${lit(arg.dim(a.passes))}, gamma: ${arg.num(a.gamma)}, steps: ${lit(arg.dim(a.steps))} })`,
};

export const reach: DataSourceEntry = {
  kind: "data-source",
  name: "reach",
  doc:
    "Point reaching seen as images (for RIG, Nair et al. 2018): a point in the unit square drawn as a Gaussian blob " +
    "(σ = one pixel) on a `size × size` image, observation `f32[size, size, 1]`; 4 actions move it 0.1 up, right, down " +
    "or left (clamped at the border). No reward and no terminal state of its own: goals come from `rig(...)`. " +
    "Episodes are cut off after `max_steps`.",
  args: [
    { name: "size", type: "int", default: "16", doc: "Image side in pixels." },
    { name: "max_steps", type: "int", default: "20", doc: "Steps per episode." },
  ],
  fields: () => [],
  environment: (a) => ({ name: "reach", observation: [arg.dim(a.size), arg.dim(a.size), dim(1)], actions: dim(4), maxSteps: arg.dim(a.max_steps) }),
  emit: (a) => `dl.rl.reach({ size: ${lit(arg.dim(a.size))}, maxSteps: ${lit(arg.dim(a.max_steps))} })`,
};

/** The encoder (images → (μ, log σ²)) and the goal-conditioned Q-network `(z, g)` → values; returns the latent size. */
function checkRig(ctx: DataOpContext, env: EnvironmentSpec): { latent: Dim } | undefined {
  const q = ctx.instance?.(ctx.args.net);
  const enc = ctx.instance?.(ctx.args.encoder);
  if (!q || !enc) return undefined;
  const x = enc.inputs[0];
  if (enc.inputs.length !== 1 || !x || x.dtype !== "f32" || !sameDims(x.shape.slice(1), env.observation) || enc.output) {
    ctx.fail(`${ctx.site}: the encoder '${enc.name}' must take the observation f32${bShape(env.observation)} and return (μ, log σ²), but ${enc.describe} takes ${enc.inputs.map((i) => `${i.name}: ${i.dtype}${formatShape(i.shape)}`).join(", ")} and returns ${enc.output ? formatShape(enc.output) : "a tuple"}`);
    return undefined;
  }
  const [z, g] = q.inputs;
  if (q.inputs.length !== 2 || !z || !g || z.shape.length !== 2 || z.dtype !== "f32" || g.dtype !== "f32" || !sameDims(z.shape, g.shape)) {
    ctx.fail(`${ctx.site}: the Q-network '${q.name}' must take a latent state and a latent goal of one shape, f32[B, latent] twice, but ${q.describe} takes ${q.inputs.map((i) => `${i.name}: ${i.dtype}${formatShape(i.shape)}`).join(", ")}`);
    return undefined;
  }
  if (!q.output || !sameDims(q.output.slice(1), [env.actions])) {
    ctx.fail(`${ctx.site}: the Q-network '${q.name}' must output one value per action, [B, ${format(env.actions)}], but ${q.describe} outputs ${q.output ? formatShape(q.output) : "a tuple"}`);
    return undefined;
  }
  if (ctx.args.target !== undefined) {
    const target = ctx.instance?.(ctx.args.target);
    if (target && (target.key !== q.key || target.name === q.name)) {
      ctx.fail(`${ctx.site}: the target network must be a second instance of ${q.describe}, got '${target.name}'`);
      return undefined;
    }
  }
  return { latent: z.shape[1]! };
}

export const rig: DataOpEntry = {
  kind: "data-op",
  name: "rig",
  doc:
    "Reinforcement learning with imagined goals (Nair et al. 2018, \"Visual Reinforcement Learning with Imagined Goals\"), " +
    "with a goal-conditioned DQN over discrete actions instead of the paper's TD3. Each episode draws a goal `g ~ N(0, I)` " +
    "from the VAE prior; before each loop step the agent takes one epsilon-greedy step with `net(μ(s), g)` (μ: the " +
    "`encoder`'s mean) and stores the image transition. `|> batch(n)` samples n stored transitions and relabels their " +
    "goals: a fraction `future` gets the encoding of a later observation of the same episode, the rest fresh prior draws; " +
    "the reward `r = −‖μ(s2) − g‖` is computed with the encoder as it is now. Fields: `x: f32[...observation]` (the " +
    "image, for the VAE's loss), `z, g: f32[latent]`, `a: i32`, `r: f32`, `z2: f32[latent]`, `done: f32` (always 0: " +
    "episodes are only cut off). Latents carry no gradient into the encoder.",
  args: [
    { name: "net", type: "model", doc: "The goal-conditioned Q-network: `(z, g)`, both `f32[B, latent]` → `[B, actions]`." },
    { name: "encoder", type: "model", doc: "The VAE encoder: observation → `(μ, log σ²)`, each `[B, latent]`." },
    { name: "target", type: "model", default: "none", doc: "A second instance of `net`, refreshed every `sync_every` loop steps." },
    { name: "sync_every", type: "int", default: "200", doc: "Loop steps between copies of `net` into `target`." },
    { name: "capacity", type: "int", default: "20000", doc: "Transitions kept." },
    { name: "warmup", type: "int", default: "500", doc: "Transitions played before the first loop step." },
    { name: "steps", type: "int", default: "500", doc: "Loop steps per epoch." },
    { name: "epsilon", type: "float", default: "1.0", doc: "Exploration at the start." },
    { name: "epsilon_end", type: "float", default: "0.1", doc: "Exploration after `epsilon_decay` steps." },
    { name: "epsilon_decay", type: "int", default: "5000", doc: "Environment steps over which epsilon falls linearly." },
    { name: "future", type: "float", default: "0.5", doc: "Fraction of goals relabeled with a later observation of the same episode." },
  ],
  collects: true,
  apply(ctx) {
    const env = ctx.environment!;
    const found = checkRig(ctx, env);
    if (!found) return undefined;
    if (!positive(ctx, ["sync_every", "capacity", "warmup", "steps", "epsilon_decay"])) return undefined;
    for (const n of ["epsilon", "epsilon_end", "future"]) {
      const v = arg.num(ctx.args[n]);
      if (!(v >= 0 && v <= 1)) return ctx.fail(`${ctx.site}: ${n} is a probability in [0, 1], got ${v}`);
    }
    ctx.args.latent = found.latent;
    const L = found.latent;
    return [
      { name: "x", shape: env.observation, dtype: "f32" },
      { name: "z", shape: [L], dtype: "f32" },
      { name: "g", shape: [L], dtype: "f32" },
      { name: "a", shape: [], dtype: "i32" },
      { name: "r", shape: [], dtype: "f32" },
      { name: "z2", shape: [L], dtype: "f32" },
      { name: "done", shape: [], dtype: "f32" },
    ];
  },
  emit: (ref, a) =>
    `dl.rl.rig(${ref}, ${a.net as string}, { encoder: ${a.encoder as string}, latent: ${lit(a.latent as Dim)}, ${a.target === undefined ? "" : `target: ${a.target as string}, syncEvery: ${lit(arg.dim(a.sync_every))}, `}` +
    `capacity: ${lit(arg.dim(a.capacity))}, warmup: ${lit(arg.dim(a.warmup))}, steps: ${lit(arg.dim(a.steps))}, ` +
    `epsilon: { start: ${arg.num(a.epsilon)}, end: ${arg.num(a.epsilon_end)}, decay: ${lit(arg.dim(a.epsilon_decay))} }, future: ${arg.num(a.future)} })`,
};

export const goalRollouts: DataOpEntry = {
  kind: "data-op",
  name: "goal_rollouts",
  doc:
    "Evaluates a RIG agent on real goals in `reach()`: each of `count` episodes starts at a random point and is shown the " +
    "image of another random point as its goal (encoded to μ); the greedy `net(μ(s), μ(goal))` acts for `max_steps` steps. " +
    "Fields: `distance: f32` (true final distance to the goal) and `start: f32` (true initial distance).",
  args: [
    { name: "net", type: "model", doc: "The goal-conditioned Q-network." },
    { name: "encoder", type: "model", doc: "The VAE encoder." },
    { name: "count", type: "int", default: "100", doc: "Episodes per evaluation." },
  ],
  collects: true,
  apply(ctx) {
    const env = ctx.environment!;
    if (env.name !== "reach") return ctx.fail(`${ctx.site}: goal_rollouts draws goal images from reach(), not ${env.name}()`);
    const found = checkRig(ctx, env);
    if (!found || !positive(ctx, ["count"])) return undefined;
    ctx.args.latent = found.latent;
    return [
      { name: "distance", shape: [], dtype: "f32" },
      { name: "start", shape: [], dtype: "f32" },
    ];
  },
  emit: (ref, a) => `dl.rl.goalRollouts(${ref}, ${a.net as string}, { encoder: ${a.encoder as string}, latent: ${lit(a.latent as Dim)}, count: ${lit(arg.dim(a.count))} })`,
};

export const rlGenerativeSources: DataSourceEntry[] = [reach];
export const rlGenerativeOps: DataOpEntry[] = [gail, rig, goalRollouts];
