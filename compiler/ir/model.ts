/**
 * The IR of a model: what the checker learned about one model declaration checked for one set of
 * parameter values and input shapes. A target renders it as a class / nn.Module: fields (layers
 * with weights, sub-models, learnable tensors) built in the constructor, and a body of typed
 * nodes in single-assignment form computed by the forward function.
 */
import type { Span } from "../../grammar/ast.js";
import { format as formatDim, type Dim } from "../shapes/dim.js";
import type { DType, TensorShape } from "../registry/types.js";
import type { IRArgs, InitValue } from "./values.js";

/** Where a node or field comes from in the source, for messages, source maps and debugging. */
export interface SourceRef {
  file: string;
  span: Span;
}

/**
 * A tensor operand of a node: the output of an earlier node of the same body (or of an enclosing
 * block), one tensor of a node with several outputs, a model input or loop-bound batch field, a
 * learnable tensor of the model, or a compile-time number in tensor arithmetic.
 */
export type Operand =
  | { k: "node"; id: number }
  | { k: "item"; id: number; index: number }
  | { k: "input"; name: string }
  | { k: "param"; name: string }
  | { k: "scalar"; value: number | boolean };

interface NodeBase {
  /** Unique within the model (or train program); operands refer to it. */
  id: number;
  /** Source `let` name(s) bound to this node's value: a target may name its variable after the first. */
  names?: string[];
  at: SourceRef;
}

/**
 * A registry entry applied to tensors: a layer (`conv2d`), a loss, a metric or a tensor function.
 * `field` names the model field holding its weights or state (entries with a constructor); a
 * shared `layer` applied twice has two nodes with the same field. The entry's lowering for the
 * target turns `args`, `inputs` and `output` into code.
 */
export interface LayerNode extends NodeBase {
  op: "layer";
  /** Registry entry name (`registry.get(entry)`). */
  entry: string;
  args: IRArgs;
  inputs: Operand[];
  inputShapes: TensorShape[];
  /** The output; for an entry returning a tuple (`split`, `chunk`), its first item. */
  output: TensorShape;
  /** For an entry returning a tuple: every item's shape, read with `{ k: "item" }` operands. */
  outputs?: TensorShape[];
  /** Source names of a tuple's tensors (`let (a, b) = split(x, 2)`), by index. */
  itemNames?: (string | undefined)[];
  field?: string;
}

/**
 * Element-wise tensor operators with broadcasting: arithmetic (`a + b`, `-x`, `x * 0.5`),
 * comparisons giving bool tensors (`x > 0`), and `&&`, `||`, `!` of bool tensors.
 */
export interface ArithNode extends NodeBase {
  op: "arith";
  fn: "add" | "sub" | "mul" | "div" | "neg" | "equal" | "notEqual" | "less" | "greater" | "lessEqual" | "greaterEqual" | "logicalAnd" | "logicalOr" | "logicalNot";
  inputs: Operand[];
  output: TensorShape;
}

/**
 * `x[:, 0]`, `x[..., :C / 2]`: per axis a start and a size (`"all"`: to the end); axes in `drop`
 * (indexed, not sliced) are removed from the result.
 */
export interface SliceNode extends NodeBase {
  op: "slice";
  inputs: [Operand];
  begin: Dim[];
  size: (Dim | "all")[];
  drop: number[];
  /**
   * Per axis, the step through the block (`x[::2]`); negative walks it from its last element
   * backwards (`x[::-1]`). Absent: every step is 1.
   */
  step?: number[];
  output: TensorShape;
}

/**
 * A sub-model applied inside a model (`field` holds it), or in a train program a model instance
 * applied (`instance` names it). `outputs` has one shape for a single-tensor model; a tuple-returning
 * model's tensors are read with `{ k: "item", id, index }`.
 */
export interface CallNode extends NodeBase {
  op: "call";
  /** The field of the enclosing model holding the sub-model (inside a model). */
  field?: string;
  /** The model instance of the train program (inside a train block). */
  instance?: string;
  /** `ModelIR.key` of the model called. */
  model: string;
  inputs: Operand[];
  outputs: TensorShape[];
  /** True when the model returns a tuple (even of one tensor). */
  tuple: boolean;
  /** Source names of a tuple's tensors (`let (mu, logvar) = enc(x)`), by index. */
  itemNames?: (string | undefined)[];
}

/** One computation of a body. `if` on compile-time values is resolved and `repeat` unrolled by the checker. */
export type Node = LayerNode | ArithNode | SliceNode | CallNode;

/** The output shape(s) of a node. */
export function nodeShapes(n: Node): TensorShape[] {
  return n.op === "call" ? n.outputs : n.op === "layer" && n.outputs ? n.outputs : [n.output];
}

/** Ids of the nodes needed to compute `roots`, following operands backwards (nodes nothing uses are not generated). */
export function usedNodes(nodes: Node[], roots: Operand[]): Set<number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const used = new Set<number>();
  const visit = (o: Operand) => {
    if (o.k !== "node" && o.k !== "item") return;
    if (used.has(o.id)) return;
    used.add(o.id);
    const n = byId.get(o.id);
    if (n) for (const i of n.inputs) visit(i);
  };
  for (const r of roots) visit(r);
  return used;
}

/**
 * A field of a model: built once in the constructor, holding weights. Names come from the
 * checker (unique within the model, safe as identifiers in every target); the weights are
 * checkpointed under the field name.
 */
export type Field =
  | { kind: "layer"; name: string; entry: string; args: IRArgs; inputs: TensorShape[]; output: TensorShape; at: SourceRef }
  | { kind: "model"; name: string; model: string; at: SourceRef }
  | { kind: "param"; name: string; shape: Dim[]; init: InitValue; at: SourceRef };

/** A compile-time parameter value of a model (`hidden: int = 128`). */
export type ParamValue = { type: "int"; value: Dim } | { type: "float"; value: number } | { type: "bool"; value: boolean | undefined } | { type: "string"; value: string };

/** The model's output: one tensor or a tuple of tensors. */
export type ModelOutput = { k: "tensor"; value: Operand; shape: TensorShape } | { k: "tuple"; items: ModelOutput[] };

export interface ModelIR {
  /** Identifies the checked instance: file, model, parameter values, input shapes. */
  key: string;
  /** The declaration's name (`ResNet`). */
  name: string;
  /** A class name unique in the module (`ResNet`, `ResNet_2` for a second specialization). */
  className: string;
  /** The `///` doc comment of the declaration. */
  doc?: string;
  at: SourceRef;
  params: { name: string; value: ParamValue }[];
  inputs: { name: string; shape: Dim[]; dtype: DType }[];
  /**
   * Symbolic sizes read from the inputs at run time: the batch size `B` is axis 0 of input `x`.
   * Any other symbol left in a node makes the model check-only (`concrete` false).
   */
  symbols: Record<string, { input: string; axis: number }>;
  fields: Field[];
  body: Node[];
  output: ModelOutput;
  trainable: Dim;
  nonTrainable: Dim;
  /**
   * False when something needed a constant that stayed symbolic (a parameter without a default,
   * an undecided `if`): the model was checked but no target can generate it.
   */
  concrete: boolean;
}

/** The tensors a model's output consists of, in order (a tuple's items flattened). */
export function outputOperands(o: ModelOutput): Operand[] {
  return o.k === "tensor" ? [o.value] : o.items.flatMap(outputOperands);
}

/** A model parameter's value as the source would write it (`64`, `C / 2`, `"same"`, `0.5`). */
export function paramText(v: ParamValue): string {
  switch (v.type) {
    case "int":
      return formatDim(v.value);
    case "string":
      return JSON.stringify(v.value);
    default:
      return String(v.value);
  }
}
