/**
 * Optimizers by DL name. The first positional arguments name the models whose trainable
 * parameters the optimizer updates; every other model's parameters stay frozen for it.
 */
import type { ArgSpec } from "../registry/types.js";
import type { GroupEntry, OptimizerEntry } from "./types.js";

const common: ArgSpec[] = [
  { name: "clip_norm", type: "float", default: "0", doc: "Rescale gradients whose global norm exceeds this (0: off)." },
  { name: "clip_value", type: "float", default: "0", doc: "Clamp each gradient element to ±value (0: off)." },
  { name: "weight_clip", type: "float", default: "0", doc: "Clamp weights to ±value after each step (WGAN; 0: off)." },
  {
    name: "schedule",
    type: "schedule",
    default: "none",
    doc: "Learning-rate schedule: `step_lr`, `multistep_lr`, `exponential_lr`, `cosine_lr`, `linear_warmup`, `one_cycle_lr` (`lr` is its base rate).",
  },
];

const runtimeNames: Record<string, string> = {
  // The runtime follows PyTorch's names: RMSProp's decay `rho` is its `alpha`.
  lr: "lr", momentum: "momentum", nesterov: "nesterov", beta1: "beta1", beta2: "beta2", eps: "eps", rho: "alpha",
  weight_decay: "weightDecay", clip_norm: "clipNorm", clip_value: "clipValue", weight_clip: "weightClip", schedule: "schedule",
};

/**
 * An optimizer entry. Arguments in `quiet` (and the common ones) are left out of the generated
 * options while they hold their defaults, so code for the plain form stays as it was.
 */
/**
 * Hyperparameters outside the range their update rule is defined on, as torch.optim refuses them:
 * a decay factor (momentum, β, ρ) of 1 or more never forgets and diverges; a negative weight decay
 * pushes the weights away from zero.
 */
function ranges(a: Parameters<NonNullable<OptimizerEntry["check"]>>[0]): string | undefined {
  for (const n of ["momentum", "beta1", "beta2", "rho"]) {
    const v = a[n];
    if (typeof v === "number" && !(v >= 0 && v < 1)) return `${n} must be in [0, 1), but it is ${v}${v >= 1 ? ": a decay of 1 or more never forgets and the updates grow without bound" : ""}`;
  }
  if (typeof a.weight_decay === "number" && a.weight_decay < 0) return `weight_decay must not be negative, but it is ${a.weight_decay}: a negative decay pushes the weights away from zero`;
  if (typeof a.eps === "number" && !(a.eps > 0)) return `eps must be positive, but it is ${a.eps}`;
  return undefined;
}

function optimizer(
  name: string,
  doc: string,
  args: ArgSpec[],
  o: { slots: OptimizerEntry["stateSlots"]; quiet?: string[]; check?: OptimizerEntry["check"]; runtime?: string },
): OptimizerEntry {
  const all = [...args, ...common];
  const quiet = new Set([...(o.quiet ?? []), ...common.map((c) => c.name)]);
  const atDefault = (s: ArgSpec, v: unknown) => v === undefined || String(v) === s.default;
  return {
    kind: "optimizer",
    name,
    doc,
    args: all,
    // A learning rate of 0 trains nothing, and a negative one climbs the loss (gradient ascent).
    check: (a) =>
      typeof a.lr === "number" && !(a.lr > 0)
        ? `lr must be positive, but it is ${a.lr}${a.lr < 0 ? ": a negative rate climbs the loss instead of minimizing it" : ": the weights would never change"}`
        : (ranges(a) ?? o.check?.(a)),
    stateSlots: o.slots,
    emit(models, a, groups) {
      const hyper = all.filter((s) => !(quiet.has(s.name) && atDefault(s, a[s.name]))).map((s) => `${runtimeNames[s.name] ?? s.name}: ${a[s.name]}`);
      if (groups) hyper.push(`groups: ${groups}`);
      return `dl.optim.${o.runtime ?? name}([${models.join(", ")}], { ${hyper.join(", ")} })`;
    },
  };
}

/** `group(...)`: the options a parameter group may set for itself. */
export const paramGroup: GroupEntry = {
  kind: "param-group",
  name: "group",
  doc:
    "A parameter group of an optimizer, as PyTorch's param groups: `adam(group(net.body_0, lr=1e-4), net.head, lr=1e-3)` " +
    "trains `net.body_0` at 1e-4 and `net.head` at 1e-3. Its positional arguments are models or weight paths (`net.body_0`, " +
    "`net.head.bias`, as `freeze` names them); `lr` and `weight_decay` override the optimizer's for these weights. A schedule " +
    "scales every group from its own base rate. Weights no group names are not updated by the optimizer; a weight may be in one group only.",
  args: [
    { name: "lr", type: "float", default: "none", doc: "The group's base learning rate (absent: the optimizer's `lr`)." },
    { name: "weight_decay", type: "float", default: "none", doc: "The group's weight decay (absent: the optimizer's)." },
  ],
};

const lr = (d: string): ArgSpec => ({ name: "lr", type: "float", default: d, doc: "Learning rate." });

export const optimizers: ReadonlyMap<string, OptimizerEntry> = new Map(
  [
    optimizer(
      "sgd",
      "Stochastic gradient descent as torch.optim.SGD: `w ← w − lr·g`; with `momentum` μ > 0, `v ← μv + g; w ← w − lr·v`, " +
        "and with `nesterov=true` the step uses `g + μv` (Sutskever et al. 2013).",
      [
        lr("0.01"),
        { name: "momentum", type: "float", default: "0", doc: "Momentum μ (0: plain SGD)." },
        { name: "nesterov", type: "bool", default: "false", doc: "Nesterov momentum (needs momentum > 0)." },
        { name: "weight_decay", type: "float", default: "0", doc: "L2 penalty added to the gradient." },
      ],
      {
        // runtime/optim/optimizers.ts: plain Sgd keeps nothing; momentum > 0 is Momentum, one buffer.
        slots: (a) => ((a.momentum as number) > 0 ? 1 : 0),
        quiet: ["momentum", "nesterov"],
        check: (a) =>
          a.nesterov === true && !((a.momentum as number) > 0)
            ? "nesterov=true needs momentum > 0 (as torch.optim.SGD)"
            : (a.momentum as number) < 0
              ? `momentum must not be negative, but it is ${a.momentum as number}`
              : undefined,
      },
    ),
    optimizer("momentum", "SGD with momentum (PyTorch form): `v ← μv + g; w ← w − lr·v`.", [
      lr("0.01"),
      { name: "momentum", type: "float", default: "0.9", doc: "Momentum μ." },
      { name: "weight_decay", type: "float", default: "0", doc: "L2 penalty." },
    ], { slots: () => 1 }),
    optimizer("adam", "Adam (Kingma & Ba 2015) with bias correction.", [
      lr("0.001"),
      { name: "beta1", type: "float", default: "0.9", doc: "Decay of the first moment." },
      { name: "beta2", type: "float", default: "0.999", doc: "Decay of the second moment." },
      { name: "eps", type: "float", default: "1e-8", doc: "Added to the denominator." },
      { name: "weight_decay", type: "float", default: "0", doc: "L2 penalty." },
    ], { slots: () => 2 }),
    optimizer(
      "adamw",
      "AdamW (Loshchilov & Hutter 2019) as torch.optim.AdamW: Adam with decoupled weight decay, `w ← w·(1 − lr·weight_decay)` " +
        "before Adam's step on the plain gradient (Adam's `weight_decay` is an L2 term inside the moments instead).",
      [
        lr("0.001"),
        { name: "beta1", type: "float", default: "0.9", doc: "Decay of the first moment." },
        { name: "beta2", type: "float", default: "0.999", doc: "Decay of the second moment." },
        { name: "eps", type: "float", default: "1e-8", doc: "Added to the denominator (always passed explicitly: webgl's backend epsilon is 1e-4)." },
        { name: "weight_decay", type: "float", default: "0.01", doc: "Decoupled weight decay." },
      ],
      { slots: () => 2 },
    ),
    optimizer("rmsprop", "RMSProp (Tieleman & Hinton 2012); WGAN uses it with lr 5e-5.", [
      lr("0.01"),
      { name: "rho", type: "float", default: "0.99", doc: "Decay of the squared-gradient average (PyTorch's alpha)." },
      { name: "eps", type: "float", default: "1e-8", doc: "Added to the denominator." },
      { name: "weight_decay", type: "float", default: "0", doc: "L2 penalty." },
    ], { slots: () => 1 }),
  ].map((e) => [e.name, e]),
);
