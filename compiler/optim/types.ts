import type { ArgSpec, Args } from "../registry/types.js";

/** An optimizer: its hyper-parameters and how to construct it over a list of models. */
export interface OptimizerEntry {
  kind: "optimizer";
  name: string;
  doc: string;
  args: ArgSpec[];
  /** A message when arguments do not fit together (nesterov without momentum), else undefined. */
  check?(args: Args): string | undefined;
  emit(models: string[], args: Args): string;
}

/** A learning-rate schedule, the value of an optimizer's `schedule=` argument. */
export interface ScheduleEntry {
  kind: "schedule";
  name: string;
  doc: string;
  args: ArgSpec[];
  /** A message when arguments are out of range (the call's span gets it), else undefined. */
  check?(args: Args): string | undefined;
  /** The TS expression of the schedule (`dl.schedules.cosine({ total: 10 })`). */
  emit(args: Args): string;
}
