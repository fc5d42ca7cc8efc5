import { add, definitelyDifferent, dim, formatShape, type Dim } from "../../shapes/dim.js";
import type { RegistryEntry, ShapeContext, TensorShape } from "../../registry/types.js";
import { arg } from "../helpers.js";

const show = (t: TensorShape) => `${t.dtype}${formatShape(t.shape)}`;

function sameShape(ctx: ShapeContext, what: string, got: TensorShape, want: Dim[], dtype: string): boolean {
  if (got.dtype !== dtype || got.shape.length !== want.length || got.shape.some((d, i) => definitelyDifferent(d, want[i]!))) {
    const problem = got.shape.length !== want.length ? "rankMismatch" : got.dtype !== dtype ? "dtypeMismatch" : "dimensionMismatch";
    ctx.fail(problem, `${ctx.site}: ${what} must be ${dtype}${formatShape(want)}, but got ${show(got)}`);
    return false;
  }
  return true;
}

/**
 * `td_loss(q(s), a, r, target(s2), done)`: the one-step temporal-difference loss of DQN, or its
 * episode form over whole sequences (values for T + 1 observations, the rest for T steps).
 */
export const tdLoss: RegistryEntry = {
  kind: "loss",
  twiceDifferentiable: true,
  name: "td_loss",
  category: "losses",
  doc:
    "One-step temporal-difference loss of DQN (Mnih et al. 2015): with `q = net(s)` `[B, A]`, actions `a: i32[B]`, " +
    "rewards `r`, next values `q_next = target(s2)` `[B, A]` and `done` `[B]`, the target is " +
    "`y = r + gamma·(1 − done)·max q_next` (no gradient) and the loss is the batch mean of Huber(`q[a] − y`) " +
    "(`huber=false`: squared error). `kappa` < 1 is advantage learning (Baird 1995; RL-LSTM, Bakker 2002): " +
    "`y = V(s) + (r + gamma·V(s') − V(s)) / kappa` with `V = max q`. Over episodes " +
    "(`episode_replay`): `q` and `q_next` are `[B, T + 1, A]` (one row per observation, the next values read one step " +
    "later), `a, r, done` and `mask` are `[B, T]`, and the mean runs over the masked steps.",
  args: [
    { name: "gamma", type: "float", default: "0.99", doc: "Discount factor." },
    { name: "kappa", type: "float", default: "1.0", doc: "Advantage-learning scale; 1 is Q-learning." },
    { name: "huber", type: "bool", default: "true", doc: "Huber loss (delta 1, as DQN's error clipping); false: squared error." },
  ],
  inputs: { min: 5, max: 6 },
  integerInputs: "all",
  shape(ctx) {
    const [q, a, r, next, done, mask] = ctx.inputs as [TensorShape, TensorShape, TensorShape, TensorShape, TensorShape, TensorShape | undefined];
    const gamma = arg.num(ctx.args.gamma);
    const kappa = arg.num(ctx.args.kappa);
    if (!(gamma >= 0 && gamma <= 1)) return ctx.fail("invalidArgument", `${ctx.site}: gamma is a discount in [0, 1], got ${gamma}`);
    if (!(kappa > 0 && kappa <= 1)) return ctx.fail("invalidArgument", `${ctx.site}: kappa must be in (0, 1], got ${kappa}`);
    if (q.shape.length === 2) {
      if (mask) return ctx.fail("invalidArgument", `${ctx.site}: a mask belongs to the episode form, where values are [B, T + 1, A]; q is ${show(q)}`);
      const [B] = q.shape as [Dim];
      const ok =
        sameShape(ctx, "q_next (the target network's values for s2)", next, q.shape, "f32") &&
        sameShape(ctx, "the actions a", a, [B], "i32") &&
        sameShape(ctx, "the rewards r", r, [B], "f32") &&
        sameShape(ctx, "done", done, [B], "f32");
      return ok ? { shape: [], dtype: "f32" } : undefined;
    }
    if (q.shape.length === 3) {
      const [B, T1, A] = q.shape as [Dim, Dim, Dim];
      if (!mask) return ctx.fail("invalidArgument", `${ctx.site}: values over episodes ${show(q)} need a mask [B, T] (from episode_replay) as the sixth input`);
      if (a.shape.length === 2 && definitelyDifferent(add(a.shape[1]!, dim(1)), T1)) {
        return ctx.fail("dimensionMismatch", `${ctx.site}: values cover T + 1 observations and actions T steps, but q is ${show(q)} and a is ${show(a)}`);
      }
      const T = a.shape.length === 2 ? a.shape[1]! : T1;
      const ok =
        sameShape(ctx, "q_next (the target network's values over the same episodes)", next, [B, T1, A], "f32") &&
        sameShape(ctx, "the actions a", a, [B, T], "i32") &&
        sameShape(ctx, "the rewards r", r, [B, T], "f32") &&
        sameShape(ctx, "done", done, [B, T], "f32") &&
        sameShape(ctx, "the mask", mask, [B, T], "f32");
      return ok ? { shape: [], dtype: "f32" } : undefined;
    }
    return ctx.fail("rankMismatch", `${ctx.site}: q must hold one value per action, [B, A] (or [B, T + 1, A] over episodes), but got ${show(q)}`);
  },
  apply: (ctx, inputs) =>
    `dl.rl.tdLoss(${inputs.slice(0, 5).join(", ")}, { gamma: ${arg.num(ctx.args.gamma)}, kappa: ${arg.num(ctx.args.kappa)}, huber: ${arg.bool(ctx.args.huber)}${inputs[5] ? `, mask: ${inputs[5]}` : ""} })`,
};
