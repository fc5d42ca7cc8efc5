/**
 * Registry entries for data: sources (`mnist(split="train")`) and pipeline operations
 * (`|> pad(2) |> batch(64, shuffle=true)`), each with its signature, field-shape rule and emitter.
 */
import type { DataField } from "../check/values.js";
import type { ArgSpec, ArgValue, Args } from "../registry/types.js";
import type { Dim } from "../shapes/dim.js";

/**
 * What a reinforcement-learning environment offers an agent (compiler/data/rl.ts): observations
 * `f32[...observation]`, `actions` discrete actions, episodes of at most `maxSteps` steps.
 */
export interface EnvironmentSpec {
  name: string;
  observation: Dim[];
  actions: Dim;
  maxSteps: Dim;
}

/** A model instance of the train block as a data operation sees it (an agent's network). */
export interface InstanceShape {
  /** DL name of the instance. */
  name: string;
  /** Same key: same model with the same arguments (a target network's copy). */
  key: string;
  /** Model and arguments as written, for messages. */
  describe: string;
  inputs: { name: string; shape: Dim[]; dtype: string }[];
  /** Output shape (with batch axis); undefined for a tuple output. */
  output?: Dim[];
}

export interface DataSourceEntry {
  kind: "data-source";
  name: string;
  doc: string;
  args: ArgSpec[];
  /** Fields of one example; an integer label field states its class count when the source knows it. */
  fields(args: Args): DataField[];
  /** Examples per epoch when known from the arguments (mnist's train split: 60,000). */
  size?(args: Args): number | undefined;
  emit(args: Args): string;
  /** Set for environments: they yield nothing until an RL operation (`replay`, `rollouts`) collects experience. */
  environment?(args: Args): EnvironmentSpec;
}

export interface DataOpContext {
  fields: DataField[];
  args: Args;
  site: string;
  fail(message: string): undefined;
  /** The environment flowing in, for operations that collect experience from one. */
  environment?: EnvironmentSpec;
  /** The model instance an argument of type `model` names. */
  instance?(arg: ArgValue | undefined): InstanceShape | undefined;
}

export interface DataOpEntry {
  kind: "data-op";
  name: string;
  doc: string;
  args: ArgSpec[];
  /** New fields, or undefined after `ctx.fail`. */
  apply(ctx: DataOpContext): DataField[] | undefined;
  /** Takes an environment (and only an environment) and yields the experience it collects. */
  collects?: boolean;
  /** A random augmentation (crop, flip, noise, ...): meant for training data, so `evaluate` on its set is warned about. */
  augments?: boolean;
  /** Marks the set batched (only `batch`). */
  batches?: boolean;
  /** Examples per epoch after the operation, from those before (undefined: unknown); absent: unchanged. */
  size?(before: number | undefined, args: Args): number | undefined;
  emit(ref: string, args: Args): string;
}
