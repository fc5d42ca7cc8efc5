/**
 * Learning-rate schedules (`dl.schedules`): pure functions of the optimizer's position, so a
 * resumed run recomputes the same rate from the restored step and epoch without saving anything.
 */

/** Where training stands when a rate is computed (epoch counts from 0). */
export interface SchedulePosition {
  step: number;
  epoch: number;
}

/** Maps the position and the base rate to the rate of the next update. */
export type Schedule = (at: SchedulePosition, baseLr: number) => number;

/** Whether a schedule counts optimizer steps or whole epochs. */
export type ScheduleUnit = "step" | "epoch";

const position = (at: SchedulePosition, unit: ScheduleUnit): number => (unit === "epoch" ? at.epoch : at.step);

/** Multiplies the rate by `gamma` every `every` units (PyTorch StepLR). */
export function step(o: { every: number; gamma?: number; unit?: ScheduleUnit }): Schedule {
  const gamma = o.gamma ?? 0.1;
  return (at, lr) => lr * gamma ** Math.floor(position(at, o.unit ?? "epoch") / o.every);
}

/** Cosine decay from the base rate to `min` over `total` units, then `min` (CosineAnnealingLR). */
export function cosine(o: { total: number; min?: number; unit?: ScheduleUnit }): Schedule {
  const min = o.min ?? 0;
  return (at, lr) => {
    const t = Math.min(position(at, o.unit ?? "epoch") / o.total, 1);
    return min + ((lr - min) * (1 + Math.cos(Math.PI * t))) / 2;
  };
}

/** Linear warm-up over the first `steps` optimizer steps, then `then` (or the constant base rate). */
export function warmup(o: { steps: number; then?: Schedule }): Schedule {
  return (at, lr) => {
    if (at.step < o.steps) return (lr * (at.step + 1)) / o.steps;
    return o.then ? o.then({ step: at.step - o.steps, epoch: at.epoch }, lr) : lr;
  };
}

/** Multiplies the rate by `gamma` at each milestone passed (PyTorch MultiStepLR). */
export function multistep(o: { milestones: number[]; gamma?: number; unit?: ScheduleUnit }): Schedule {
  const gamma = o.gamma ?? 0.1;
  return (at, lr) => {
    const p = position(at, o.unit ?? "epoch");
    return lr * gamma ** o.milestones.filter((m) => p >= m).length;
  };
}

/** Multiplies the rate by `gamma` every unit (PyTorch ExponentialLR). */
export function exponential(o: { gamma: number; unit?: ScheduleUnit }): Schedule {
  return (at, lr) => lr * o.gamma ** position(at, o.unit ?? "epoch");
}

/**
 * The one-cycle policy (Smith & Topin 2019) as PyTorch's OneCycleLR with cosine annealing and
 * no momentum cycling, over `total` optimizer steps: the base rate is the peak; the rate rises
 * from peak / divFactor to the peak over the first `pctStart` of the steps, then falls to
 * peak / (divFactor · finalDivFactor) at the last step.
 */
export function oneCycle(o: { total: number; pctStart?: number; divFactor?: number; finalDivFactor?: number }): Schedule {
  const pct = o.pctStart ?? 0.3;
  const div = o.divFactor ?? 25;
  const finalDiv = o.finalDivFactor ?? 1e4;
  const anneal = (start: number, end: number, f: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * f) + 1);
  return (at, peak) => {
    const initial = peak / div;
    const min = initial / finalDiv;
    const step = Math.min(at.step, o.total - 1);
    const rampEnd = pct * o.total - 1;
    if (step <= rampEnd) return anneal(initial, peak, rampEnd > 0 ? step / rampEnd : 1);
    return anneal(peak, min, (step - rampEnd) / (o.total - 1 - rampEnd));
  };
}
