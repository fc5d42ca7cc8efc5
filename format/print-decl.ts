/**
 * Printers for the program, its declarations and statements: one statement per line, blocks in
 * braces indented by the tab width, at most one blank line kept wherever the source had some.
 */
import { doc, type Doc } from "prettier";
import type * as A from "../grammar/ast.js";
import { printDanglingComments } from "./comments.js";
import type { NodeOf } from "./node-kinds.js";
import { printBlock, printDelimited, printLines, type PrintFn } from "./print-util.js";

const { group, hardline, indent, join, line } = doc.builders;

/** `x` or `(x, y)`: the names a `for` or `evaluate` loop binds. */
function printPattern(pattern: readonly A.Ident[], printed: Doc[]): Doc {
  return pattern.length === 1 ? printed[0]! : ["(", join(", ", printed), ")"];
}

/** ` a, b, c` after a keyword, or one item per indented line when they do not fit. */
function printList(items: Doc[], _options: unknown): Doc {
  return group(indent([line, join([",", line], items)]));
}

/** `keyword name = value`, the shape of most declarations. */
function printBinding<N extends { name: A.Ident; value: A.Expr }>(keyword: string): PrintFn<N> {
  return (path, _options, print) => [keyword, " ", print("name"), " = ", print("value")];
}

/** Printers of the program, declarations and statements. */
export const declarationPrinters = {
  Program: (path, options, print) => {
    const comments = printDanglingComments(path, options);
    const parts: Doc[] = [];
    if (comments.length) parts.push(join(hardline, comments));
    if (path.node.items.length) {
      if (comments.length) parts.push(hardline, hardline);
      parts.push(printLines(path, options, print, "items"));
    }
    return parts.length ? [...parts, hardline] : "";
  },

  /** `import { A, B as C } from "std/..."`, the names broken one per line when too long. */
  ImportDecl: (path, options, print) => [
    "import ",
    printDelimited(path, options, print, "names", "{", "}", true),
    " from ",
    print("path"),
  ],
  ImportName: (path, _options, print) => (path.node.alias ? [print("name"), " as ", print("alias")] : print("name")),

  ModelDecl: (path, options, print) => [
    "model ",
    print("name"),
    printDelimited(path, options, print, "params", "(", ")"),
    " ",
    printBlock(path, options, print, "body"),
  ],
  /** `name: type = default`, with spaces around `=` unlike named arguments. */
  Param: (path, _options, print) => {
    const parts: Doc[] = [print("name"), ": ", print("type")];
    if (path.node.default) parts.push(" = ", print("default"));
    return parts;
  },
  InputStmt: (path, _options, print) => ["input ", print("name"), ": ", print("type")],
  ParamStmt: (path, _options, print) => ["param ", print("name"), ": ", print("type"), " = ", print("init")],
  TensorType: (path, options, print) => [print("dtype"), printDelimited(path, options, print, "dims", "[", "]")],
  LetStmt: (path, _options, print) => ["let ", path.node.names ? printPattern(path.node.names, path.map(print, "names")) : print("name"), " = ", print("value")],
  LayerStmt: printBinding("layer"),
  ReturnStmt: (path, _options, print) => ["return ", print("value")],

  TrainDecl: (path, options, print) => ["train ", print("name"), " ", printBlock(path, options, print, "items")],
  DataDecl: printBinding("data"),
  InstanceDecl: printBinding("model"),
  OptimizerDecl: printBinding("optimizer"),
  EpochsDecl: (path, _options, print) => ["epochs ", print("value")],
  SeedDecl: (path, _options, print) => ["seed ", print("value")],
  ForLoop: (path, options, print) => [
    "for ",
    printPattern(path.node.pattern, path.map(print, "pattern")),
    " in ",
    print("source"),
    " ",
    printBlock(path, options, print, "body"),
  ],
  StepStmt: (path, _options, print) => ["step ", print("optimizer"), " minimize ", print("loss")],
  RepeatStmt: (path, options, print) => ["repeat ", print("count"), path.node.fresh ? " fresh " : " ", printBlock(path, options, print, "body")],
  EvaluateBlock: (path, options, print) => [
    "evaluate ",
    printPattern(path.node.pattern, path.map(print, "pattern")),
    " in ",
    print("source"),
    " ",
    printBlock(path, options, print, "body"),
  ],
  MetricDecl: printBinding("metric"),
  CheckpointDecl: (path, _options, print) => ["checkpoint every ", print("every"), " ", print("unit")],
  CheckpointBestDecl: (path, _options, print) => ["checkpoint best ", print("mode"), " ", print("metric")],
  StopDecl: (path, _options, print) => ["stop early ", print("mode"), " ", print("metric"), " patience ", print("patience")],
  SamplesDecl: (path, _options, print) => ["samples ", print("value")],
  /** `init net from "runs/pretrain" except head, body.dense_0`: the list breaks one per line when too long. */
  InitDecl: (path, options, print) => {
    const parts: Doc[] = ["init ", join(".", [print("model"), ...path.map(print, "under")]), " from ", print("source")];
    if (path.node.except.length) parts.push(" except", printList(path.map(print, "except"), options));
    return parts;
  },
  FreezeDecl: (path, options, print) => ["freeze", printList(path.map(print, "targets"), options)],
  WeightPath: (path, _options, print) => join(".", path.map(print, "parts")),
} satisfies { [K in DeclKind]: PrintFn<NodeOf<K>> };

/** Node kinds printed by `declarationPrinters`. */
export type DeclKind = Exclude<A.Node["kind"], A.Expr["kind"] | "Argument" | "IndexItem" | "Ident">;
