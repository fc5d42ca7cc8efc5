/**
 * Compile-time values the IR carries: a registry call's checked arguments, with the arguments
 * that name other IR objects (an initializer, a schedule, a model instance, a data set) held as IR
 * references rather than target code.
 */
import type { Dim } from "../shapes/dim.js";
import type { Padding } from "../registry/types.js";
import type { DataField } from "../check/values.js";
import type { DataPipeline } from "./train.js";

/** `init=normal(0.02)`: an initializer entry (compiler/layers/initializers.ts) and its bound arguments. */
export interface InitValue {
  kind: "init";
  name: string;
  args: IRArgs;
}

/** `schedule=cosine_lr(total=10)`: a schedule entry (compiler/optim/schedules.ts) and its arguments. */
export interface ScheduleValue {
  kind: "schedule";
  name: string;
  args: IRArgs;
}

/** An argument of type `model`: a model instance of the train block, by its DL name. */
export interface InstanceValue {
  kind: "instance";
  name: string;
}

/** An argument of type `data` (`zip(other)`): an unbatched data pipeline and its fields. */
export interface DataValue {
  kind: "data";
  pipeline: DataPipeline;
  fields: DataField[];
}

/**
 * One checked argument value, converted to its declared `ArgType`: `int` → Dim, `float`/`axis`
 * → number, `bool`, `string`, `pair` → [Dim, Dim], `padding` → Padding, `ints` → Dim[], and the
 * four references above. Dims are constants in a concrete model (`ModelIR.concrete`); a symbol
 * may remain only where `ModelIR.symbols` says how to read it at run time (the batch size).
 */
export type IRArgValue = Dim | number | boolean | string | [Dim, Dim] | Padding | Dim[] | InitValue | ScheduleValue | InstanceValue | DataValue;

/** Arguments by name; every declared argument is present (defaults applied). */
export type IRArgs = Record<string, IRArgValue>;
