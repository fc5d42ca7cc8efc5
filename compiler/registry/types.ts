/**
 * The layer registry's entry type. One entry per layer, loss, metric or tensor function holds its
 * signature, shape rule, parameter rule, documentation and emitter, so the checker, the summary,
 * the language server and the code generator read one source of truth.
 */
import type { Dim } from "../shapes/dim.js";
import type { DataField } from "../check/values.js";
import type { InstanceShape } from "../data/types.js";
import type { Lowerings } from "../ir/lowering.js";
import type { IRArgValue } from "../ir/values.js";

/** Argument types a signature can declare. */
export type ArgType =
  | "int" // a compile-time integer (dimension arithmetic allowed)
  | "float"
  | "bool"
  | "string"
  | "pair" // an int or a list of two ints: kernel=3 or kernel=[3, 1]
  | "padding" // same | valid | int | [int, int] | [[top, bottom], [left, right]]
  | "ints" // a list of ints: reshape([7, 7, 64])
  | "axis" // an int, negative counts from the end
  | "axes" // an int or a list of ints (reductions over several axes: axis=[1, 2]); negatives count from the end
  | "model" // a model instance of a train block (gradient penalty's critic); its TS name
  | "data" // an unbatched data set (zip's other set): its code and fields
  | "init" // an initializer (`init=normal(0.02)`): its dl.init expression
  | "schedule"; // a learning-rate schedule (an optimizer's `schedule=`): its TS expression

export interface ArgSpec {
  name: string;
  type: ArgType;
  /** Source text of the default, shown in docs and completion; absent means required, `none` optional without a value. */
  default?: string;
  doc: string;
  /**
   * Named only (`lstm(64, layers=2)`): a positional argument never binds to it, so PyTorch's
   * `LSTM(input_size, hidden_size)` is not read as 28 units in 64 layers.
   */
  keyword?: boolean;
  /** For a string argument with a fixed set of values (`split`: "train" or "test"), those values. */
  values?: string[];
  /**
   * The smallest value each constant integer in the argument may take. Sizes, counts, kernels,
   * strides and dilations default to 1 (`int`, `pair`, `ints`); paddings default to 0. An entry
   * that accepts smaller values says so (`output_padding` 0, `reshape`'s inferred axis -1).
   */
  min?: number;
  /**
   * The largest value its constant integers may take; sizes and counts default to
   * `limits.size` (2^31 - 1), a stacked-layer count is `limits.layerCount`.
   */
  max?: number;
}

export type Padding =
  | { kind: "same" }
  | { kind: "valid" }
  | { kind: "explicit"; pads: [[Dim, Dim], [Dim, Dim]] };

/**
 * An argument value after checking and conversion to its declared type: the IR's values
 * (compiler/ir/values.ts). The TypeScript lowerings see `init`, `schedule` and `model` arguments
 * as TS expressions (strings) and `data` ones as a `DataArg`.
 */
export type ArgValue = IRArgValue | DataArg;

/** A data set passed as an argument (`zip(fashion_mnist(split="train"))`), as TS lowerings see it. */
export interface DataArg {
  kind: "data";
  /** TS expression of the data set. */
  code: string;
  fields: DataField[];
}

/** Arguments by name, every declared argument present (defaults applied). */
export type Args = Record<string, ArgValue>;

export interface TensorShape {
  shape: Dim[];
  dtype: DType;
  /** Integer labels from a data set that declares its class count (mnist: 10); absent otherwise. */
  classes?: { n: number; source: string };
}

export type DType = "f32" | "i32" | "bool";

/** What a shape rule can complain about; each maps to a catalog entry with the call's span. */
export type ShapeProblem =
  | "rankMismatch"
  | "dimensionMismatch"
  | "reshapeSize"
  | "nonIntegerDimension"
  | "nonPositiveDimension"
  | "invalidArgument"
  | "dtypeMismatch"
  | "cycleShape"; // a cycle F(G(x)) that does not return x's shape (train blocks)

export interface ShapeContext {
  inputs: TensorShape[];
  args: Args;
  /** How the call reads in messages: `conv2d(kernel=5, padding=valid)`. */
  site: string;
  /**
   * Reports a problem at the call; the rule then returns undefined. `fix` inserts a stage before
   * the call when it is a pipeline stage (`x |> dense(10)` → `x |> flatten |> dense(10)`).
   */
  fail(problem: ShapeProblem, message: string, fix?: StageFix): undefined;
  /**
   * The inputs and output of a model instance of the enclosing train block, by name, for an
   * entry with a `model` argument that applies it (`greedy_decode`); undefined outside a train
   * block or for an unknown name.
   */
  instance?(name: string): InstanceShape | undefined;
}

/** A fix a shape rule can offer: a stage to insert before the failing one. */
export interface StageFix {
  title: string;
  /** The stage's source text, such as `flatten`. */
  insertBefore: string;
}

/** One weight tensor a layer creates (the parameter rule). */
export interface WeightSpec {
  name: string;
  shape: Dim[];
  trainable: boolean;
}

/** What an emitter sees: concrete arguments, input and output shapes, and TS names to use. */
export interface EmitContext {
  args: Args;
  inputs: TensorShape[];
  output: TensorShape;
  /** The TS expression of the layer field (`this.conv0`) for layers with weights. */
  field: string;
  /** The variable holding the `training` flag in `apply`. */
  training: string;
  /** The seeded random generator in scope (dropout masks, `normal`, `uniform`). */
  rng: string;
  /** A dimension as a TS expression: constants as numbers, the batch size as read from a tensor at run time. */
  dim(d: Dim): string;
}

export type EntryKind = "layer" | "loss" | "metric" | "function";

/** What a whole-set metric computes from the summed confusion counts (`RegistryEntry.wholeSet`). */
export type WholeSetMetric = "precision" | "recall" | "f1" | "confusion";

export interface RegistryEntry {
  kind: EntryKind;
  name: string;
  category: string;
  /** Markdown shown on hover and completion; the first sentence is the summary. */
  doc: string;
  args: ArgSpec[];
  /** Number of tensor inputs: a pipeline stage receives the piped value as its first input. */
  inputs: { min: number; max: number };
  /** What the inputs are, in order, said when a call gives too many or too few (attention's `(query, keys, mask)`). */
  inputsNote?: string;
  /**
   * Which inputs may hold integers (i32 or bool: labels, token ids, actions): `all`, or their
   * positions. Absent: every input must be f32, and the checker says so before the shape rule
   * runs (a float layer fed i32 tokens fails at run time in tfjs).
   */
  integerInputs?: "all" | number[];
  /**
   * Second-order safety: `true` when gradients of gradients through the entry are right in the
   * runtime (a gradient penalty differentiates its critic twice); otherwise why not and what to
   * use instead, for the diagnostic that refuses the entry inside a `gradient_penalty` critic.
   * test/registry/second-order.test.ts checks every `true` against finite differences.
   */
  twiceDifferentiable: true | string;
  /** Output shape from input shapes and arguments, or undefined after `ctx.fail`. */
  shape(ctx: ShapeContext): TensorShape | undefined;
  /**
   * For an entry that returns a tuple of tensors (`split`, `chunk`): their shapes; `apply` then
   * returns an array expression and `shape` gives the first item.
   */
  outputs?(ctx: ShapeContext): TensorShape[] | undefined;
  /** With `outputs`: whether this call returns the tuple (`return_state=true`); else its first item alone. Default: always. */
  tuple?(args: Args): boolean;
  /** Positional numbers are scalar tensor inputs (`where(mask, x, 0.0)`), not configuration. */
  numbersAsTensors?: boolean;
  /** Weights the layer creates; absent for stateless entries. */
  weights?(args: Args, inputs: TensorShape[]): WeightSpec[];
  /**
   * Shapes of inner results the layer keeps for the backward pass that are larger than its output
   * and not counted by it (attention's score matrices `[B, heads, Tq, Tk]`), for the static memory
   * estimate of a training step (compiler/memory/train-memory.ts). Absent: none beyond the output.
   */
  kept?(args: Args, inputs: TensorShape[]): Dim[][];
  /** TS expression that constructs the layer (`new dl.layers.Dense(this, "fc", {...})`), for entries with weights or state. */
  construct?(ctx: EmitContext, parent: string, name: string): string;
  /**
   * What the entry's output holds, when a loss cares: `probabilities` in [0, 1] (sigmoid,
   * softmax), `unbounded` values (a linear layer, relu, tanh). Absent: not known.
   */
  range?: "probabilities" | "unbounded";
  /**
   * What the first input of a loss must hold: `logits` (cross_entropy applies softmax itself),
   * `probabilities` (bce takes values in [0, 1]). The checker warns when the producer disagrees.
   */
  expects?: "logits" | "probabilities";
  /**
   * A metric counted over the whole evaluation set rather than averaged over batches: per batch
   * `apply` gives the confusion counts `[C, C]`, which the engine sums over the set and turns into
   * this value at the end (macro precision, recall or F1, or the matrix itself, written to the run
   * folder). Such an entry may only be a metric's whole value in an `evaluate` block.
   */
  wholeSet?: WholeSetMetric;
  /** TS expression that applies the entry to input expressions (with `construct`, the TypeScript lowering). */
  apply(ctx: EmitContext, inputs: string[]): string;
  /** Lowerings to the other targets (compiler/ir/lowering.ts); an entry without one is not yet supported there. */
  lower?: Lowerings;
}
