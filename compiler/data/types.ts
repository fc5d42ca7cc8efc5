/**
 * Registry entries for data: sources (`mnist(split="train")`) and pipeline operations
 * (`|> pad(2) |> batch(64, shuffle=true)`), each with its signature, field-shape rule and emitter.
 */
import type { DataField } from "../check/values.js";
import type { ArgSpec, Args } from "../registry/types.js";

export interface DataSourceEntry {
  kind: "data-source";
  name: string;
  doc: string;
  args: ArgSpec[];
  /** Fields of one example. */
  fields(args: Args): DataField[];
  emit(args: Args): string;
}

export interface DataOpContext {
  fields: DataField[];
  args: Args;
  site: string;
  fail(message: string): undefined;
}

export interface DataOpEntry {
  kind: "data-op";
  name: string;
  doc: string;
  args: ArgSpec[];
  /** New fields, or undefined after `ctx.fail`. */
  apply(ctx: DataOpContext): DataField[] | undefined;
  /** Marks the set batched (only `batch`). */
  batches?: boolean;
  emit(ref: string, args: Args): string;
}
