/**
 * The formatter's parser: the grammar's own `parse`, used strictly. A file with any syntax problem
 * is refused (the recovered tree would print as something the user did not write), with the first
 * problem's line and column in the message.
 */
import type { IToken } from "chevrotain";
import type * as A from "../grammar/ast.js";
import { parse } from "../grammar/parse.js";
import type { DlComment, FmtNode } from "./node-kinds.js";

/** Offsets of the `{` that opens each block-bodied node, for placing comments written right after it. */
export const blockOpenings = new WeakMap<A.Node, number>();

/** The error thrown for a file with syntax errors; `loc` lets prettier's CLI show a code frame. */
export class DlSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly loc: { start: { line: number; column: number } },
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

/** Parses `text` for formatting; throws `DlSyntaxError` on the first syntax problem. */
export function parseStrict(text: string): A.Program & { comments: DlComment[] } {
  const result = parse(text);
  if (result.problems.length > 0) {
    const first = [...result.problems].sort((a, b) => a.span.start - b.span.start)[0]!;
    const { line, column } = lineColumn(text, first.span.start);
    throw new DlSyntaxError(`${first.message} (${line}:${column})`, { start: { line, column } });
  }
  const ast = result.ast;
  recordBlockOpenings(ast, result.tokens);
  const comments: DlComment[] = result.comments.map((c) => ({ ...c, value: c.text }));
  return Object.assign(ast, { comments });
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Start offset of a node, for prettier. */
export function locStart(node: { span: A.Span }): number {
  return node.span.start;
}

/** End offset (exclusive) of a node, for prettier. */
export function locEnd(node: { span: A.Span }): number {
  return node.span.end;
}

/** The child list inside a node's braces, for the block-bodied kinds. */
export function blockBody(node: A.Node): readonly A.Node[] | undefined {
  switch (node.kind) {
    case "ModelDecl":
      return node.body;
    case "TrainDecl":
      return node.items;
    case "ForLoop":
      return node.body;
    case "RepeatStmt":
      return node.body;
    case "EvaluateBlock":
      return node.body;
    default:
      return undefined;
  }
}

/** Where each block's header ends (for models, the `)` closing the parameters). */
export const headerEnds = new WeakMap<A.Node, number>();

/** Where a block's header children end: its `{` (and a model's `)`) is the first such token after. */
function headerChildrenEnd(node: A.Node): number | undefined {
  switch (node.kind) {
    case "ModelDecl":
      return node.params.length ? node.params[node.params.length - 1]!.span.end : node.name.span.end;
    case "TrainDecl":
      return node.name.span.end;
    case "ForLoop":
    case "EvaluateBlock":
      return node.source.span.end;
    case "RepeatStmt":
      return node.freshSpan?.end ?? node.count.span.end;
    default:
      return undefined;
  }
}

function recordBlockOpenings(ast: A.Program, tokens: IToken[]): void {
  const offsets = (name: string) => tokens.filter((t) => t.tokenType.name === name).map((t) => t.startOffset);
  const braces = offsets("LBrace");
  const parens = offsets("RParen");
  const visit = (node: A.Node): void => {
    const after = headerChildrenEnd(node);
    if (after !== undefined) {
      const open = braces.find((b) => b >= after);
      if (open !== undefined) blockOpenings.set(node, open);
      const close = node.kind === "ModelDecl" ? parens.find((p) => p >= after) : undefined;
      headerEnds.set(node, close !== undefined ? close + 1 : after);
    }
    for (const child of blockBody(node) ?? []) visit(child);
  };
  for (const item of ast.items) visit(item);
}
