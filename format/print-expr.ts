/**
 * Printers for expressions. Pipelines stay on one line when they fit and otherwise put each stage
 * on its own line with a leading `|> `; argument lists, tuples, lists and shapes break one item per
 * line. Parentheses are printed where the grammar needs them, since the tree does not keep them.
 */
import { doc, type AstPath, type Doc, type ParserOptions } from "prettier";
import type * as A from "../grammar/ast.js";
import { printDanglingComments, printOwnComments, type OwnComments } from "./comments.js";
import { binaryPrecedence, type FmtNode, type NodeOf } from "./node-kinds.js";
import { locEnd, locStart } from "./parse-strict.js";
import { printDelimited, type Print, type PrintFn } from "./print-util.js";

const { breakParent, group, indent, line } = doc.builders;

/** The literal exactly as written (`1e-3`, `007`, `"a\"b"`): the value is what matters, the spelling is the user's. */
function sourceText(node: FmtNode, options: ParserOptions<FmtNode>): string {
  return options.originalText.slice(locStart(node), locEnd(node));
}

/**
 * `first |> s1 |> s2`: one line when it fits, else every stage on its own line, indented. The
 * elements print their own comments: comments above a stage stay above its `|>`, and comments on
 * lines of their own after an element keep the stage indentation.
 */
function printPipeline(path: AstPath, options: ParserOptions<FmtNode>, print: Print, first: "input" | "stages"): Doc {
  const elements: { own: OwnComments; doc: Doc }[] = [];
  const printElement = (element: AstPath) => {
    elements.push({ own: printOwnComments(element, options), doc: print() });
  };
  if (first === "input") path.call(printElement, "input" as never);
  path.each(printElement, "stages" as never);
  const [head, ...stages] = elements;
  const last = stages.length ? stages[stages.length - 1]! : head!;
  const rest: Doc[] = last === head ? [] : [...head!.own.lines];
  stages.forEach(({ own, doc: stage }, i) => {
    rest.push(line, ...own.leading, "|> ", stage);
    if (i < stages.length - 1) rest.push(...own.inline, ...own.lines);
  });
  const opening = [...head!.own.leading, head!.doc, ...(last === head ? [] : head!.own.inline)];
  // Comments after the last element end the whole expression: they print after it, the way
  // they would if written after the statement, so that a second pass finds the same layout.
  // In a `repeat` block the closing `}` follows on a line of its own, so the comments may break it.
  const deferred = first === "stages" && last.own.deferred.length ? [...last.own.deferred, breakParent] : last.own.deferred;
  return [group([...opening, indent(rest)]), ...deferred];
}

/** Printers of the expression kinds (and of `Ident`, the name token inside declarations). */
export const expressionPrinters = {
  Int: (path, options) => sourceText(path.node, options),
  Float: (path) => path.node.text,
  String: (path, options) => sourceText(path.node, options),
  Bool: (path) => (path.node.value ? "true" : "false"),
  Name: (path) => path.node.name,
  Ident: (path) => path.node.name,

  Call: (path, options, print) => [
    print("callee"),
    printDelimited(path, options, print, "args", "(", ")"),
  ],

  /** `value` or `name=value`: named arguments are written without spaces, as in `conv2d(6, kernel=5)`. */
  Argument: (path, _options, print) => (path.node.name ? [print("name"), "=", print("value")] : print("value")),

  Member: (path, _options, print) => [print("object"), ".", print("member")],

  /** `x[0]`, `x[:, 1:3]`, `x[..., :C / 2]`, `x[::2]`: the items as an argument list is, without spaces around `:`. */
  Index: (path, options, print) => [print("object"), printDelimited(path, options, print, "items", "[", "]")],

  IndexItem: (path, _options, print) => {
    const node = path.node;
    if (node.form === "rest") return "...";
    if (node.form === "index") return print("start");
    return [node.start ? print("start") : "", ":", node.end ? print("end") : "", node.step ? [":", print("step")] : ""];
  },

  Pipe: (path, options, print) => printPipeline(path, options, print, "input"),

  /**
   * `a + b`: a run of operators of one precedence is one group that breaks after the operators.
   * Operands bind tighter than the operator; the right one strictly, since all operators associate
   * to the left, and comparisons do not chain at all.
   */
  Binary: (path, _options, print) => {
    const node = path.node;
    const p = binaryPrecedence(node.op);
    const parts = [print("left"), " ", node.op, indent([line, print("right")])];
    const parent = path.parent as FmtNode | null;
    const continuesChain = parent?.kind === "Binary" && path.key === "left" && binaryPrecedence(parent.op) === p;
    return continuesChain ? parts : group(parts);
  },

  Unary: (path, _options, print) => [path.node.op, print("operand")],

  Tuple: (path, options, print) => printDelimited(path, options, print, "items", "(", ")"),
  List: (path, options, print) => printDelimited(path, options, print, "items", "[", "]"),

  /** `if c { a } else { b }` on one line when it fits, else the branches on their own lines; `else if` chains. */
  If: (path, _options, print) => {
    const branch = (key: string): Doc => ["{", indent([line, print(key)]), line, "}"];
    const elseDoc = path.node.else.kind === "If" ? print("else") : branch("else");
    return group(["if ", print("condition"), " ", branch("then"), " else ", elseDoc]);
  },

  /** `repeat(n) { stages }` / `repeat(i in a..b) { stages }`. */
  Repeat: (path, options, print) => {
    const node = path.node;
    const head: Doc[] = ["repeat("];
    if (node.index) head.push(print("index"), " in ");
    if (node.from) head.push(print("from"), "..");
    head.push(print("to"), ")");
    const inside = printDanglingComments(path, options).map((c) => [" ", c]);
    return group([...head, " {", indent([line, printPipeline(path, options, print, "stages"), ...inside]), line, "}"]);
  },

  /** Only produced by error recovery, which the formatter's strict parser never lets through. */
  Error: (path) => {
    throw new SyntaxError(`cannot format a syntax error at offset ${path.node.span.start}`);
  },
} satisfies { [K in ExprKind]: PrintFn<NodeOf<K>> };

/** Node kinds printed by `expressionPrinters`. */
export type ExprKind = A.Expr["kind"] | "Argument" | "IndexItem" | "Ident";
