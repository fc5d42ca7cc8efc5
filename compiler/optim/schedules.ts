/**
 * Learning-rate schedules by DL name, the values of an optimizer's `schedule=` argument:
 * `adam(net, lr=1e-3, schedule=cosine_lr(total=10))`. Each is a pure function of the optimizer's
 * step and epoch in the runtime (`dl.schedules`), so a resumed run continues the same curve.
 */
import { constValue } from "../shapes/dim.js";
import { lit } from "../layers/helpers.js";
import type { ArgSpec, Args } from "../registry/types.js";
import type { ScheduleEntry } from "./types.js";

const unit: ArgSpec = {
  name: "unit",
  type: "string",
  default: '"epoch"',
  values: ["epoch", "step"],
  doc: '`"epoch"` (the rate changes between epochs, as PyTorch schedulers stepped once per epoch) or `"step"` (optimizer steps).',
};

const gamma = (d?: string): ArgSpec => ({ name: "gamma", type: "float", ...(d ? { default: d } : {}), doc: "Factor the rate is multiplied by." });
const num = (a: Args, name: string): number => a[name] as number;
const int = (a: Args, name: string): number | undefined => constValue(a[name] as never);
const positive = (a: Args, ...names: string[]): string | undefined => {
  for (const n of names) {
    const v = typeof a[n] === "number" ? (a[n] as number) : int(a, n);
    if (v !== undefined && !(v > 0)) return `${n} must be positive, but it is ${v}`;
  }
  return undefined;
};
const unitText = (a: Args): string => (a.unit === "step" ? `, unit: "step"` : "");

function schedule(name: string, doc: string, args: ArgSpec[], emit: (a: Args) => string, check?: (a: Args) => string | undefined): ScheduleEntry {
  return { kind: "schedule", name, doc, args, emit, check };
}

export const schedules: ReadonlyMap<string, ScheduleEntry> = new Map(
  [
    schedule(
      "step_lr",
      "Step decay, as torch.optim.lr_scheduler.StepLR: the rate is `lr · gamma^floor(t / every)` at epoch (or step) `t`.",
      [{ name: "every", type: "int", doc: "Epochs (or steps) between decays." }, gamma("0.1"), unit],
      (a) => `dl.schedules.step({ every: ${lit(a.every as never)}, gamma: ${num(a, "gamma")}${unitText(a)} })`,
      (a) => positive(a, "every", "gamma"),
    ),
    schedule(
      "multistep_lr",
      "Decay at milestones, as MultiStepLR: the rate is multiplied by `gamma` at each epoch (or step) listed in `milestones`.",
      [{ name: "milestones", type: "ints", min: 0, doc: "Increasing epochs (or steps) at which the rate decays: `[30, 80]`." }, gamma("0.1"), unit],
      (a) => `dl.schedules.multistep({ milestones: [${(a.milestones as never[]).map((d) => lit(d)).join(", ")}], gamma: ${num(a, "gamma")}${unitText(a)} })`,
      (a) => {
        const ms = (a.milestones as never[]).map((d) => constValue(d));
        if (ms.length === 0) return "milestones must list at least one epoch";
        if (ms.some((m, i) => m === undefined || m < 0 || (i > 0 && m <= ms[i - 1]!))) return `milestones must be increasing non-negative integers, but they are [${ms.join(", ")}]`;
        return positive(a, "gamma");
      },
    ),
    schedule(
      "exponential_lr",
      "Exponential decay, as ExponentialLR: the rate is `lr · gamma^t` at epoch (or step) `t`.",
      [gamma(), unit],
      (a) => `dl.schedules.exponential({ gamma: ${num(a, "gamma")}${unitText(a)} })`,
      (a) => positive(a, "gamma"),
    ),
    schedule(
      "cosine_lr",
      "Cosine annealing, as CosineAnnealingLR (Loshchilov & Hutter 2017, no restarts): from `lr` down to `min_lr` over `total` epochs (or steps), then `min_lr`.",
      [{ name: "total", type: "int", doc: "Epochs (or steps) of the decay." }, { name: "min_lr", type: "float", default: "0", doc: "The final rate." }, unit],
      (a) => `dl.schedules.cosine({ total: ${lit(a.total as never)}, min: ${num(a, "min_lr")}${unitText(a)} })`,
      (a) => positive(a, "total") ?? (num(a, "min_lr") < 0 ? `min_lr must not be negative, but it is ${num(a, "min_lr")}` : undefined),
    ),
    schedule(
      "linear_warmup",
      "Linear warm-up over the first `steps` optimizer steps (`lr · (t + 1) / steps`), then the schedule `then` counted from the end of the warm-up (or the constant `lr`): `linear_warmup(500, then=cosine_lr(total=10))`.",
      [{ name: "steps", type: "int", doc: "Optimizer steps of the warm-up." }, { name: "then", type: "schedule", default: "none", doc: "The schedule after the warm-up; constant when absent." }],
      (a) => `dl.schedules.warmup({ steps: ${lit(a.steps as never)}${a.then === undefined ? "" : `, then: ${a.then as string}`} })`,
      (a) => positive(a, "steps"),
    ),
    schedule(
      "one_cycle_lr",
      "The one-cycle policy (Smith & Topin 2019), as OneCycleLR with cosine annealing and without momentum cycling: the optimizer's `lr` is the peak, " +
        "reached after `pct_start · total` steps from `lr / div_factor`, then annealed to `lr / (div_factor · final_div_factor)` at step `total`. Counts optimizer steps.",
      [
        { name: "total", type: "int", doc: "Optimizer steps of the whole cycle (epochs × batches per epoch)." },
        { name: "pct_start", type: "float", default: "0.3", doc: "Fraction of the cycle spent increasing the rate." },
        { name: "div_factor", type: "float", default: "25", doc: "The initial rate is `lr / div_factor`." },
        { name: "final_div_factor", type: "float", default: "1e4", doc: "The final rate is the initial one divided by this." },
      ],
      (a) => `dl.schedules.oneCycle({ total: ${lit(a.total as never)}, pctStart: ${num(a, "pct_start")}, divFactor: ${num(a, "div_factor")}, finalDivFactor: ${num(a, "final_div_factor")} })`,
      (a) => {
        const p = num(a, "pct_start");
        if (!(p > 0 && p < 1)) return `pct_start must lie strictly between 0 and 1, but it is ${p}`;
        return positive(a, "total", "div_factor", "final_div_factor");
      },
    ),
  ].map((e) => [e.name, e]),
);
