/**
 * Layout helpers shared by the printers: brace blocks of statements, bracketed comma lists, and
 * the parentheses the tree does not record.
 */
import { doc, util, type AstPath, type Doc, type ParserOptions } from "prettier";
import type * as A from "../grammar/ast.js";
import { printDanglingComments } from "./comments.js";
import { binaryPrecedence, COMPARISON, precedence, type FmtNode } from "./node-kinds.js";
import { locEnd } from "./parse-strict.js";

const { group, hardline, indent, join, line, softline } = doc.builders;

/** The `print` callback prettier hands to every printer. */
export type Print = (selector?: string | number | Array<string | number> | AstPath<FmtNode>) => Doc;

/** A printer for one node kind. */
export type PrintFn<N> = (path: AstPath<N>, options: ParserOptions<FmtNode>, print: Print) => Doc;

/**
 * The children under `key`, one per line, keeping at most one blank line where the source had
 * one or more.
 */
export function printLines(path: AstPath, options: ParserOptions<FmtNode>, print: Print, key: string): Doc {
  const parts: Doc[] = [];
  path.each((child) => {
    parts.push(print());
    if (!child.isLast) {
      parts.push(hardline);
      if (util.isNextLineEmpty(options.originalText, locEnd(child.node))) parts.push(hardline);
    }
  }, key as never);
  return parts;
}

/**
 * `{ statements }` of a block-bodied node: `{}` when empty, otherwise one statement per line.
 * Comments written right after `{` stay there; comments inside empty braces get their own lines.
 */
export function printBlock(path: AstPath, options: ParserOptions<FmtNode>, print: Print, key: string): Doc {
  const children = (path.node as unknown as Record<string, unknown[]>)[key]!;
  const open = printDanglingComments(path, options, (c) => c.marker === "open");
  const openComments = ((path.node as FmtNode).comments ?? []).filter((c) => c.marker === "open");
  const head: Doc[] = ["{"];
  // A line comment ends its line, so every comment after one starts a line of its own.
  open.forEach((printed, i) => head.push(openComments.slice(0, i).some((c) => !c.block) ? hardline : " ", printed));
  const inside = printDanglingComments(path, options, (c) => c.marker === "block");
  if (children.length === 0 && inside.length === 0) {
    if (open.length === 0) return "{}";
    // `{ /* note */ }` stays on one line; after a line comment the `}` needs a line of its own.
    return openComments.every((c) => c.block) ? [...head, " }"] : [indent(head), hardline, "}"];
  }
  const body: Doc[] = [];
  if (inside.length) body.push(join(hardline, inside));
  if (children.length) {
    if (inside.length) body.push(hardline);
    body.push(printLines(path, options, print, key));
  }
  return [indent([...head, hardline, ...body]), hardline, "}"];
}

/**
 * A delimited comma list: on one line when it fits (`open` and `close` hug the items, or get a
 * space inside when `spaced`), otherwise one item per line with no trailing comma.
 */
export function printDelimited(
  path: AstPath,
  options: ParserOptions<FmtNode>,
  print: Print,
  key: string,
  open: string,
  close: string,
  spaced = false,
): Doc {
  const items = path.map(print, key as never) as Doc[];
  const inside = printDanglingComments(path, options, (c) => c.marker === undefined || c.marker === "list");
  if (items.length === 0 && inside.length === 0) return [open, close];
  const gap = spaced ? line : softline;
  const parts: Doc[] = [join([",", line], items)];
  if (inside.length) parts.push(items.length ? line : "", join(line, inside));
  return group([open, indent([gap, ...parts]), gap, close]);
}

/**
 * Whether the expression at `path` needs parentheses where it stands: the tree does not keep them,
 * so they are put back exactly where the grammar needs them (a pipeline as an operand, a looser
 * operator under a tighter one, anything but a postfix expression as a callee or pipeline stage).
 * The dispatcher adds them around the node's own doc, inside its comments, so that comments stay
 * outside the parentheses and a second pass finds them in the same place.
 */
export function needsParens(path: AstPath): boolean {
  const node = path.node as FmtNode;
  const parent = path.parent as FmtNode | null;
  if (!parent || !isExpression(node)) return false;
  // `(0).1`: an integer before `.` would lex as a float (`0.1`).
  if (parent.kind === "Member" && path.key === "object" && node.kind === "Int") return true;
  return precedence(node) < minimumPrecedence(parent, path.key);
}

function minimumPrecedence(parent: FmtNode, key: string | null): number {
  switch (parent.kind) {
    case "Pipe":
      return key === "input" ? 1 : POSTFIX;
    case "Binary": {
      const p = binaryPrecedence(parent.op);
      // All operators associate to the left, so the right operand binds strictly tighter;
      // comparisons do not chain at all, so the left one does too.
      if (key === "right") return p + 1;
      return p === COMPARISON ? p + 1 : p;
    }
    case "Unary":
      return UNARY;
    case "Call":
      return key === "callee" ? POSTFIX : 0;
    case "Member":
      return POSTFIX;
    case "Index":
      return key === "object" ? POSTFIX : 0;
    case "IndexItem":
      // Index items are additive expressions in the grammar (`x[a + 1:b]`).
      return ADDITIVE;
    case "Repeat":
      // Bounds of `repeat(i in a..b)` are additive expressions; stages are postfix expressions.
      return key === "stages" ? POSTFIX : ADDITIVE;
    default:
      return 0;
  }
}

/** Postfix position: callee, member object and pipeline stage. */
const POSTFIX = 7;
/** Operand of a prefix `-` or `!`. */
const UNARY = 6;
/** Bounds of `repeat(i in a..b)` and index items. */
const ADDITIVE = 4;

const expressionKinds = new Set<string>([
  "Int", "Float", "String", "Bool", "Name", "Call", "Member", "Index", "Pipe", "Binary", "Unary", "Tuple", "List", "If", "Repeat", "Error",
]);

function isExpression(node: FmtNode): node is A.Expr {
  return expressionKinds.has(node.kind);
}
