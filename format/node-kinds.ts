/**
 * What the formatter knows about the shape of the DL syntax tree: the node kinds, which properties
 * hold child nodes (prettier walks them to attach comments), and expression precedence (the tree
 * drops parentheses, so the printer puts back exactly those that the grammar needs).
 */
import type * as A from "../grammar/ast.js";

/** Every kind of node the printer can meet; comments are printed separately by `printComment`. */
export type NodeKind = A.Node["kind"];

/** The node type of one kind, e.g. `NodeOf<"Call">` is `CallExpr`. */
export type NodeOf<K extends NodeKind> = Extract<A.Node, { kind: K }>;

/** A comment as prettier sees it: the grammar's comment plus the fields prettier's attacher sets. */
export interface DlComment extends A.Comment {
  /** Prettier's error messages read `value`; it is the comment's text. */
  value: string;
  leading?: boolean;
  trailing?: boolean;
  printed?: boolean;
  marker?: string;
  placement?: "ownLine" | "endOfLine" | "remaining";
  enclosingNode?: A.Node;
  precedingNode?: A.Node;
  followingNode?: A.Node;
}

/** Any node the printer handles, with the comments prettier attached to it. */
export type FmtNode = A.Node & { comments?: DlComment[] };

/** The properties of each node kind that hold child nodes, in source order. */
export const visitorKeys = {
  Program: ["items"],
  ImportDecl: ["names", "path"],
  ImportName: ["name", "alias"],
  ModelDecl: ["name", "params", "body"],
  Param: ["name", "type", "default"],
  InputStmt: ["name", "type"],
  ParamStmt: ["name", "type", "init"],
  TensorType: ["dtype", "dims"],
  LetStmt: ["name", "names", "value"],
  LayerStmt: ["name", "value"],
  ReturnStmt: ["value"],
  TrainDecl: ["name", "items"],
  DataDecl: ["name", "value"],
  InstanceDecl: ["name", "value"],
  OptimizerDecl: ["name", "value"],
  EpochsDecl: ["value"],
  SeedDecl: ["value"],
  ForLoop: ["pattern", "source", "body"],
  StepStmt: ["optimizer", "loss"],
  RepeatStmt: ["count", "body"],
  EvaluateBlock: ["pattern", "source", "body"],
  MetricDecl: ["name", "value"],
  CheckpointDecl: ["every", "unit"],
  CheckpointBestDecl: ["mode", "metric"],
  StopDecl: ["mode", "metric", "patience"],
  SamplesDecl: ["value"],
  InitDecl: ["model", "under", "source", "except"],
  FreezeDecl: ["targets"],
  WeightPath: ["parts"],
  Int: [],
  Float: [],
  String: [],
  Bool: [],
  Name: [],
  Call: ["callee", "args"],
  Argument: ["name", "value"],
  Member: ["object", "member"],
  Index: ["object", "items"],
  IndexItem: ["start", "end", "step"],
  Pipe: ["input", "stages"],
  Binary: ["left", "right"],
  Unary: ["operand"],
  Tuple: ["items"],
  List: ["items"],
  If: ["condition", "then", "else"],
  Repeat: ["index", "from", "to", "stages"],
  Error: [],
  Ident: [],
} as const satisfies { [K in NodeKind]: readonly (keyof NodeOf<K> & string)[] };

/**
 * Binding strength of an expression, loosest first: pipelines (0), `||` (1), `&&` (2), comparisons
 * (3), `+ -` (4), `* / %` (5), prefix operators (6), postfix expressions and primaries (7).
 */
export function precedence(e: A.Expr): number {
  switch (e.kind) {
    case "Pipe":
      return 0;
    case "Binary":
      return binaryPrecedence(e.op);
    case "Unary":
      return 6;
    default:
      return 7;
  }
}

/** Precedence of a binary operator; see `precedence`. */
export function binaryPrecedence(op: A.BinaryOp): number {
  switch (op) {
    case "||":
      return 1;
    case "&&":
      return 2;
    case "==":
    case "!=":
    case "<":
    case ">":
    case "<=":
    case ">=":
      return 3;
    case "+":
    case "-":
      return 4;
    default:
      return 5;
  }
}

/** Comparisons do not chain in the grammar (`a < b < c` is a syntax error), so both sides bind tighter. */
export const COMPARISON = 3;
