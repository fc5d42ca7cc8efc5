/**
 * The `dl-ast` printer: one print function per node kind (the mapped type below makes a missing
 * kind a type error) plus prettier's comment hooks.
 */
import { doc, type AstPath, type Doc, type ParserOptions, type Printer } from "prettier";
import {
  canAttachComment,
  handleComments,
  hasPrettierIgnore,
  isBlockComment,
  printComment,
  printDanglingComments,
  willPrintOwnComments,
} from "./comments.js";
import { visitorKeys, type FmtNode, type NodeKind, type NodeOf } from "./node-kinds.js";
import { declarationPrinters } from "./print-decl.js";
import { expressionPrinters } from "./print-expr.js";
import { needsParens, type Print, type PrintFn } from "./print-util.js";

const { breakParent, lineSuffix } = doc.builders;

/** Exactly one printer per node kind. */
export const printers = { ...declarationPrinters, ...expressionPrinters } satisfies {
  [K in NodeKind]: PrintFn<NodeOf<K>>;
};

/** Dispatches on the node kind. */
function print(path: AstPath<FmtNode>, options: ParserOptions<FmtNode>, printChild: Print): Doc {
  const node = path.node;
  const printNode = printers[node.kind] as PrintFn<FmtNode>;
  const own = printNode(path, options, printChild);
  const printed = needsParens(path) ? ["(", own, ")"] : own;
  // Any comment no printer claimed still prints, after the node, so that none is ever lost.
  const leftover = printDanglingComments(path, options).map((c) => [lineSuffix([" ", c]), breakParent]);
  return leftover.length ? [printed, ...leftover] : printed;
}

/** The printer registered under the `dl-ast` AST format. */
export const dlPrinter: Printer<FmtNode> = {
  print: print as Printer<FmtNode>["print"],
  printComment: printComment as Printer<FmtNode>["printComment"],
  canAttachComment: canAttachComment as Printer<FmtNode>["canAttachComment"],
  isBlockComment: isBlockComment as Printer<FmtNode>["isBlockComment"],
  hasPrettierIgnore,
  willPrintOwnComments,
  handleComments,
  getVisitorKeys: (node: FmtNode) => (visitorKeys[node.kind] ?? []) as readonly string[] as string[],
};
