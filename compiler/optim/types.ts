import type { ArgSpec, Args } from "../registry/types.js";

/** An optimizer: its hyper-parameters and how to construct it over a list of models. */
export interface OptimizerEntry {
  kind: "optimizer";
  name: string;
  doc: string;
  args: ArgSpec[];
  emit(models: string[], args: Args): string;
}
