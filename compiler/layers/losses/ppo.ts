import { definitelyDifferent, formatShape, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry, ShapeContext, TensorShape } from "../../registry/types.js";
import { arg } from "../helpers.js";

const show = (t: TensorShape) => `${t.dtype}${formatShape(t.shape)}`;

function is(ctx: ShapeContext, what: string, got: TensorShape, want: Dim[], dtype: string): boolean {
  if (got.dtype !== dtype || got.shape.length !== want.length || got.shape.some((d, i) => definitelyDifferent(d, want[i]!))) {
    const problem = got.shape.length !== want.length ? "rankMismatch" : got.dtype !== dtype ? "dtypeMismatch" : "dimensionMismatch";
    ctx.fail(problem, `${ctx.site}: ${what} must be ${dtype}${formatShape(want)}, but got ${show(got)}`);
    return false;
  }
  return true;
}

/** `ppo_clip_loss(pi(s), a, logp, adv)`: PPO's clipped surrogate over discrete actions (GAIL's policy step). */
export const ppoClipLoss: RegistryEntry = {
  kind: "loss",
  twiceDifferentiable: true,
  name: "ppo_clip_loss",
  category: "losses",
  doc:
    "PPO's clipped surrogate (Schulman et al. 2017) for discrete actions: with the policy's logits `[B, A]`, the actions " +
    "`a: i32[B]`, the log-probabilities `logp: f32[B]` the policy gave them when it acted and the advantages `adv: f32[B]`, " +
    "`ρ = exp(log π(a|s) − logp)` and the loss is `−mean(min(ρ·adv, clip(ρ, 1 − clip, 1 + clip)·adv)) − entropy·mean(H(π))`. " +
    "The fields `gail(...)` yields fit it: `ppo_clip_loss(pi(s), a, logp, adv)`.",
  args: [
    { name: "clip", type: "float", default: "0.2", doc: "ε: the probability ratio is clipped to [1 − ε, 1 + ε]." },
    { name: "entropy", type: "float", default: "0.0", doc: "Weight of the entropy bonus." },
  ],
  inputs: { min: 4, max: 4 },
  integerInputs: "all",
  shape(ctx) {
    const [logits, a, logp, adv] = ctx.inputs as [TensorShape, TensorShape, TensorShape, TensorShape];
    const clip = arg.num(ctx.args.clip);
    const entropy = arg.num(ctx.args.entropy);
    if (!(clip > 0 && clip < 1)) return ctx.fail("invalidArgument", `${ctx.site}: clip must be in (0, 1), got ${clip}`);
    if (!(entropy >= 0)) return ctx.fail("invalidArgument", `${ctx.site}: entropy is a weight ≥ 0, got ${entropy}`);
    if (logits.shape.length !== 2 || logits.dtype !== "f32") return ctx.fail("rankMismatch", `${ctx.site}: the policy's logits must be f32[B, A], one per action, but got ${show(logits)}`);
    const [B] = logits.shape as [Dim];
    const ok = is(ctx, "the actions a", a, [B], "i32") && is(ctx, "logp (the acting policy's log-probabilities)", logp, [B], "f32") && is(ctx, "the advantages adv", adv, [B], "f32");
    return ok ? { shape: [], dtype: "f32" } : undefined;
  },
  apply: (ctx, inputs) => `dl.rl.ppoClipLoss(${inputs.join(", ")}, { clip: ${arg.num(ctx.args.clip)}, entropy: ${arg.num(ctx.args.entropy)} })`,
};
