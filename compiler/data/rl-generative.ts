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
    const net = ctx.instance?.(ctx.args.net as string);
    const d = ctx.instance?.(ctx.args.discriminator as string);
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

export const rlGenerativeSources: DataSourceEntry[] = [];
export const rlGenerativeOps: DataOpEntry[] = [gail];
