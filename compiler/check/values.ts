/**
 * Values of the checker's abstract interpretation: compile-time scalars, tensors (shape, dtype and
 * the IR operand holding them), layers awaiting inputs, models, data sets, optimizers.
 */
import type * as A from "../../grammar/ast.js";
import { format, formatShape, type Dim } from "../shapes/dim.js";
import type { DType, RegistryEntry } from "../registry/types.js";
import type { DataOpEntry, DataSourceEntry, EnvironmentSpec } from "../data/types.js";
import type { EvaluatedArg } from "./args.js";
import type { GroupEntry, OptimizerEntry, ScheduleEntry } from "../optim/types.js";
import type { Operand } from "../ir/model.js";
import type { DataPipeline } from "../ir/train.js";
import type { IRArgs } from "../ir/values.js";

/** A model declaration together with the document that declares it. */
export interface ModelRef {
  decl: A.ModelDecl;
  file: string;
}

export interface SharedLayer {
  /** The `layer` statement's name, also the generated field name. */
  name: string;
  callable: Callable;
  /** The configuration arguments of the declaring call (`dense(64)`). */
  configArgs: EvaluatedArg[];
  span: A.Span;
  /** Input shapes (without batch axis) fixed by the first use. */
  firstUse?: string;
  field?: string;
}

/** Something that can be applied to tensors. */
export type Callable =
  | { c: "entry"; entry: RegistryEntry }
  | { c: "model"; model: ModelRef }
  | { c: "shared"; layer: SharedLayer }
  | { c: "instance"; name: string; instanceKey: string }
  | { c: "data-source"; entry: DataSourceEntry }
  | { c: "data-op"; entry: DataOpEntry }
  | { c: "optimizer"; entry: OptimizerEntry }
  | { c: "schedule"; entry: ScheduleEntry }
  | { c: "param-group"; entry: GroupEntry };

/** For `let (a, b) = ...` in a loop: the tuple, evaluated once per block for all its names. */
export interface LazyTuple {
  let: A.LetStmt;
  index: number;
  whole: Map<number, Value>;
}

export type Value =
  | { t: "int"; v: Dim }
  | { t: "float"; v: number }
  | { t: "bool"; v: boolean | undefined }
  | { t: "string"; v: string }
  /**
   * `from`: the registry entry that computed it (a loss warns about softmax fed to
   * cross_entropy); `classes`: for integer labels read from a data set, how many classes it has.
   */
  | { t: "tensor"; shape: Dim[]; dtype: DType; ref: Operand; from?: string; classes?: ClassCount; wholeSet?: true }
  | { t: "tuple"; items: Value[] }
  | { t: "list"; items: Value[] }
  /** A callable not yet applied, with the configuration arguments of its call (if any). */
  | { t: "callable"; callable: Callable; args: EvaluatedArg[]; span: A.Span }
  /**
   * `pipeline`: how it is computed; `size`: examples per epoch when known; `batching`: the
   * `batch(...)` that batched it.
   */
  /** `augmented`: the first random augmentation of the pipeline (`random_flip`), where it is written. */
  | { t: "dataset"; source: DataSourceEntry; fields: DataField[]; batched: boolean; pipeline: DataPipeline; environment?: EnvironmentSpec; size?: number; batching?: Batching; augmented?: { op: string; span: A.Span } }
  /** `models`: DL names of the instances it trains; `name`: the train block's name for it, once declared. */
  | { t: "optimizer"; entry: OptimizerEntry; models: string[]; args: IRArgs; name?: string; groups?: OptimizerGroup[] }
  /** `net.body_0`: the weights of a model instance under a path (`path` "" for all), as an optimizer's group names them. */
  | { t: "weights"; instance: string; path: string; span: A.Span; pathSpan?: A.Span }
  /** `group(net.body_0, lr=1e-4)`: weights with their own optimizer options. */
  | { t: "param-group"; items: Extract<Value, { t: "weights" }>[]; args: IRArgs; span: A.Span }
  /** An initializer with its arguments bound (`normal(0.02)`); `args` undefined when a required one is missing. */
  | { t: "init"; name: string; args?: IRArgs }
  /** A learning-rate schedule with its arguments bound. */
  | { t: "schedule"; entry: ScheduleEntry; args: IRArgs }
  /**
   * A `let` in a training loop: evaluated where it is used, once per step closure, so gradients
   * flow through it into each step that needs it.
   */
  | { t: "lazy"; name: string; expr: A.Expr; env: unknown; cache: Map<number, Value>; of?: LazyTuple }
  /** Stands in after an error, so one mistake produces one diagnostic. */
  | { t: "unknown" };

/** One parameter group of an optimizer: a model instance's weights under `path`, with its own `lr`/`weight_decay`. */
export interface OptimizerGroup {
  model: string;
  path: string;
  args: IRArgs;
  span: A.Span;
  pathSpan?: A.Span;
}

export interface DataField {
  name: string;
  /** Shape of one example (batched sets add the batch axis on iteration). */
  shape: Dim[];
  dtype: DType;
  /** For integer class labels: how many classes the source declares. */
  classes?: ClassCount;
}

/** A class count and where it comes from, for messages: `mnist(split="train")` has 10. */
export interface ClassCount {
  n: number;
  source: string;
}

/** How a data set is batched: `batch(128)` and, when the set's size is known, its last batch. */
export interface Batching {
  size: number;
  dropLast: boolean;
  /** Examples per epoch, when known (the last batch holds `total % size` of them). */
  total?: number;
}

export const unknown: Value = { t: "unknown" };

/** How a value reads in messages: `int 64`, `tensor [B, 10]`, `layer dense`. */
export function describe(v: Value): string {
  switch (v.t) {
    case "int":
      return `int ${format(v.v)}`;
    case "float":
      return `float ${v.v}`;
    case "bool":
      return v.v === undefined ? "bool" : `bool ${v.v}`;
    case "string":
      return `string ${JSON.stringify(v.v)}`;
    case "tensor":
      return `tensor ${formatShape(v.shape)}`;
    case "tuple":
      return `tuple (${v.items.map(describe).join(", ")})`;
    case "list":
      return `list [${v.items.map(describe).join(", ")}]`;
    case "callable":
      return describeCallable(v.callable);
    case "dataset":
      return `data set {${v.fields.map((f) => `${f.name}: ${formatShape(f.shape)}`).join(", ")}}`;
    case "optimizer":
      return `optimizer ${v.entry.name}`;
    case "schedule":
      return `schedule ${v.entry.name}`;
    case "init":
      return `initializer ${v.name}`;
    case "weights":
      return `the weights ${v.instance}${v.path ? `.${v.path}` : ""}`;
    case "param-group":
      return "a parameter group";
    case "lazy":
      return `let ${v.name}`;
    case "unknown":
      return "an unknown value";
  }
}

export function describeCallable(c: Callable): string {
  switch (c.c) {
    case "entry":
      return `${c.entry.kind} ${c.entry.name}`;
    case "model":
      return `model ${c.model.decl.name.name}`;
    case "shared":
      return `layer ${c.layer.name}`;
    case "instance":
      return `model instance ${c.name}`;
    case "data-source":
      return `data source ${c.entry.name}`;
    case "data-op":
      return `data operation ${c.entry.name}`;
    case "optimizer":
      return `optimizer ${c.entry.name}`;
    case "schedule":
      return `schedule ${c.entry.name}`;
    case "param-group":
      return "group";
  }
}
