/**
 * The DL abstract syntax tree. Every node carries a source span (offsets, end exclusive); later
 * stages take spans from nodes and never compute offsets themselves.
 */

/** A half-open range of character offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

export interface Ident {
  kind: "Ident";
  name: string;
  span: Span;
}

export interface Comment {
  kind: "Comment";
  text: string;
  doc: boolean;
  block: boolean;
  span: Span;
}

export interface Program {
  kind: "Program";
  items: Item[];
  comments: Comment[];
  /** The module's documentation: the file's opening `///` lines, set apart by a blank line. */
  doc?: string;
  span: Span;
}

export type Item = ImportDecl | ModelDecl | TrainDecl;

export interface ImportName {
  kind: "ImportName";
  name: Ident;
  alias?: Ident;
  span: Span;
}

export interface ImportDecl {
  kind: "ImportDecl";
  names: ImportName[];
  path: StringLit;
  span: Span;
}

export interface Param {
  kind: "Param";
  name: Ident;
  type: Ident;
  default?: Expr;
  span: Span;
}

export interface ModelDecl {
  kind: "ModelDecl";
  name: Ident;
  params: Param[];
  body: ModelStmt[];
  /** Text of the `///` comments right above the declaration, markers stripped. */
  doc?: string;
  span: Span;
}

export type ModelStmt = InputStmt | LetStmt | LayerStmt | ParamStmt | ReturnStmt;

export interface TensorTypeRef {
  kind: "TensorType";
  dtype: Ident;
  dims: Expr[];
  span: Span;
}

export interface InputStmt {
  kind: "InputStmt";
  name: Ident;
  type: TensorTypeRef;
  span: Span;
}

/** `let h = value`, or `let (mu, logvar) = value` binding the items of a tuple in order. */
export type LetStmt = {
  kind: "LetStmt";
  value: Expr;
  span: Span;
} & ({ name: Ident; names?: undefined } | { name?: undefined; names: Ident[] });

/** The names a `let` binds, in order. */
export function letNames(st: LetStmt): Ident[] {
  return st.names ?? [st.name];
}

/** `layer name = call(...)`: a named layer instance; every use shares its weights. */
export interface LayerStmt {
  kind: "LayerStmt";
  name: Ident;
  value: Expr;
  span: Span;
}

/** `param cls: f32[1, 1, D] = zeros`: a learnable tensor, counted and checkpointed with the model. */
export interface ParamStmt {
  kind: "ParamStmt";
  name: Ident;
  type: TensorTypeRef;
  /** The initializer: a name or a call (`zeros`, `normal(0.02)`). */
  init: Expr;
  span: Span;
}

export interface ReturnStmt {
  kind: "ReturnStmt";
  value: Expr;
  span: Span;
}

export interface TrainDecl {
  kind: "TrainDecl";
  name: Ident;
  items: TrainItem[];
  doc?: string;
  span: Span;
}

export type TrainItem =
  | DataDecl
  | InstanceDecl
  | OptimizerDecl
  | EpochsDecl
  | SeedDecl
  | ForLoop
  | EvaluateBlock
  | CheckpointDecl
  | CheckpointBestDecl
  | StopDecl
  | SamplesDecl
  | InitDecl
  | FreezeDecl;

export interface DataDecl {
  kind: "DataDecl";
  name: Ident;
  value: Expr;
  span: Span;
}

export interface InstanceDecl {
  kind: "InstanceDecl";
  name: Ident;
  value: Expr;
  span: Span;
}

export interface OptimizerDecl {
  kind: "OptimizerDecl";
  name: Ident;
  value: Expr;
  span: Span;
}

export interface EpochsDecl {
  kind: "EpochsDecl";
  value: Expr;
  span: Span;
}

export interface SeedDecl {
  kind: "SeedDecl";
  value: Expr;
  span: Span;
}

export interface ForLoop {
  kind: "ForLoop";
  pattern: Ident[];
  source: Ident;
  body: LoopStmt[];
  span: Span;
}

export type LoopStmt = LetStmt | StepStmt | RepeatStmt;

export interface StepStmt {
  kind: "StepStmt";
  optimizer: Ident;
  loss: Expr;
  span: Span;
}

export interface RepeatStmt {
  kind: "RepeatStmt";
  count: Expr;
  /** `repeat 5 fresh { ... }`: each iteration after the first draws the loop's next batch. */
  fresh?: boolean;
  /** Where `fresh` stands. */
  freshSpan?: Span;
  body: LoopStmt[];
  span: Span;
}

export interface EvaluateBlock {
  kind: "EvaluateBlock";
  pattern: Ident[];
  source: Ident;
  /** Metrics and the lets they share (`let (logits, _) = net(x)`), in source order. */
  body: EvaluateStmt[];
  span: Span;
}

export type EvaluateStmt = MetricDecl | LetStmt;

/** The metrics of an evaluate block, in order. */
export function metricsOf(block: EvaluateBlock): MetricDecl[] {
  return block.body.filter((s): s is MetricDecl => s.kind === "MetricDecl");
}

export interface MetricDecl {
  kind: "MetricDecl";
  name: Ident;
  value: Expr;
  span: Span;
}

export interface CheckpointDecl {
  kind: "CheckpointDecl";
  every: Expr;
  unit: Ident;
  span: Span;
}

/** `checkpoint best max accuracy`: keeps `checkpoints/best/`, the checkpoint with the best value. */
export interface CheckpointBestDecl {
  kind: "CheckpointBestDecl";
  /** `min` or `max` (validated by the checker). */
  mode: Ident;
  /** An evaluation metric, by its `metric` name or its history name (`test_accuracy`). */
  metric: Ident;
  span: Span;
}

/** `stop early min loss patience 3`: early stopping on an evaluation metric. */
export interface StopDecl {
  kind: "StopDecl";
  mode: Ident;
  metric: Ident;
  patience: Expr;
  span: Span;
}

/**
 * A dotted name of weights: `net.features.conv2d_0` (a `freeze` target), `head` (an `except`
 * prefix, relative to the model), `pretrain.net` (another train block's model).
 */
export interface WeightPath {
  kind: "WeightPath";
  parts: Ident[];
  span: Span;
}

/**
 * `init net from "runs/pretrain" except head`: the model starts from saved weights, matched by
 * parameter name; `from pretrain.net` takes another train block's final weights.
 */
export interface InitDecl {
  kind: "InitDecl";
  model: Ident;
  /** `init net.encoder_0 from ...`: the names after the model, a prefix of its weights (empty: all). */
  under: Ident[];
  /** A run or checkpoint folder, or a train block (and its model) of this program. */
  source: StringLit | WeightPath;
  /** Parameter-name prefixes that keep their fresh initialization. */
  except: WeightPath[];
  span: Span;
}

/** `freeze net.features, net.head.bias`: weights no optimizer updates; frozen batch norm infers. */
export interface FreezeDecl {
  kind: "FreezeDecl";
  targets: WeightPath[];
  span: Span;
}

/** `samples <images>`: images `[N, H, W, C]` the engine writes as a PNG grid after each epoch. */
export interface SamplesDecl {
  kind: "SamplesDecl";
  value: Expr;
  span: Span;
}

export type Expr =
  | IntLit
  | FloatLit
  | StringLit
  | BoolLit
  | NameExpr
  | CallExpr
  | MemberExpr
  | IndexExpr
  | PipeExpr
  | BinaryExpr
  | UnaryExpr
  | TupleExpr
  | ListExpr
  | IfExpr
  | RepeatExpr
  | ErrorExpr;

export interface IntLit {
  kind: "Int";
  value: number;
  span: Span;
}

export interface FloatLit {
  kind: "Float";
  value: number;
  /** The literal as written, so the formatter prints `1e-3` back as `1e-3`. */
  text: string;
  span: Span;
}

export interface StringLit {
  kind: "String";
  value: string;
  span: Span;
}

export interface BoolLit {
  kind: "Bool";
  value: boolean;
  span: Span;
}

export interface NameExpr {
  kind: "Name";
  name: string;
  span: Span;
}

export interface Argument {
  kind: "Argument";
  name?: Ident;
  value: Expr;
  span: Span;
}

export interface CallExpr {
  kind: "Call";
  callee: Expr;
  args: Argument[];
  /** Span of the parenthesised argument list, for signature help. */
  argsSpan: Span;
  span: Span;
}

export interface MemberExpr {
  kind: "Member";
  object: Expr;
  member: Ident;
  span: Span;
}

/** `x[0]`, `x[:, 1:3]`, `x[..., :C/2]`: an index drops its axis, a range keeps it, `...` stands for the axes not named. */
export interface IndexExpr {
  kind: "Index";
  object: Expr;
  items: IndexItem[];
  span: Span;
}

/**
 * One item of an index: `index` (its value in `start`), `range` (`start:end`, either optional,
 * and `start:end:step`, a step of 1 when omitted) or `rest` (`...`).
 */
export interface IndexItem {
  kind: "IndexItem";
  form: "index" | "range" | "rest";
  start?: Expr;
  end?: Expr;
  step?: Expr;
  span: Span;
}

/** `input |> stage |> stage`: kept flat so the formatter and inlay hints see each stage. */
export interface PipeExpr {
  kind: "Pipe";
  input: Expr;
  stages: Expr[];
  span: Span;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | ">" | "<=" | ">=" | "&&" | "||";

export interface BinaryExpr {
  kind: "Binary";
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}

export interface UnaryExpr {
  kind: "Unary";
  op: "-" | "!";
  operand: Expr;
  span: Span;
}

export interface TupleExpr {
  kind: "Tuple";
  items: Expr[];
  span: Span;
}

/** `(expr)` keeps its parentheses in the tree only as a one-item tuple when written with a comma. */
export interface ListExpr {
  kind: "List";
  items: Expr[];
  span: Span;
}

export interface IfExpr {
  kind: "If";
  condition: Expr;
  then: Expr;
  else: Expr;
  span: Span;
}

/** `repeat(n) { stages }` / `repeat(i in a..b) { stages }`: stages applied once per index. */
export interface RepeatExpr {
  kind: "Repeat";
  index?: Ident;
  from?: Expr;
  to: Expr;
  stages: Expr[];
  span: Span;
}

/** Stands where the parser recovered from a syntax error; later stages skip it silently. */
export interface ErrorExpr {
  kind: "Error";
  span: Span;
}

export type Node =
  | Program
  | Item
  | ImportName
  | Param
  | ModelStmt
  | TensorTypeRef
  | TrainItem
  | LoopStmt
  | MetricDecl
  | WeightPath
  | Expr
  | Argument
  | IndexItem
  | Ident;
