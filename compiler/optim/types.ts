import type { ArgSpec, Args } from "../registry/types.js";

/** An optimizer: its hyper-parameters and how to construct it over a list of models. */
export interface OptimizerEntry {
  kind: "optimizer";
  name: string;
  doc: string;
  args: ArgSpec[];
  /** A message when arguments do not fit together (nesterov without momentum), else undefined. */
  check?(args: Args): string | undefined;
  /**
   * Values the optimizer keeps per trainable weight between steps, for these arguments (as the
   * runtime's optimizer creates its slots): SGD 0, with momentum 1, Adam and AdamW 2, RMSProp 1.
   */
  stateSlots(args: Args): number;
  /** `groups`: the TS array of the parameter groups (`[{ model: net, path: "body_0", lr: 0.0001 }]`), when it has them. */
  emit(models: string[], args: Args, groups?: string): string;
}

/**
 * `group(net.body_0, net.body_1, lr=1e-4)`: a parameter group of an optimizer (PyTorch's
 * param groups), the weights under the paths it names with their own rate or weight decay.
 */
export interface GroupEntry {
  kind: "param-group";
  name: string;
  doc: string;
  args: ArgSpec[];
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
