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
