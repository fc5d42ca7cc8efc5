/**
 * Comments: how prettier attaches them to DL nodes and how they print. Prettier's default
 * placement (leading on the following node, trailing on the preceding one) fits most places; the
 * handlers here cover the spots it cannot see, namely right after a block's `{` and inside empty
 * braces or parentheses, where nothing follows to carry the comment.
 */
import { doc, util, type AstPath, type Doc, type ParserOptions } from "prettier";
import type * as A from "../grammar/ast.js";
import { visitorKeys, type DlComment, type FmtNode } from "./node-kinds.js";
import { blockBody, blockOpenings, headerEnds, locEnd, locStart } from "./parse-strict.js";

const { hardline, join, literalline, lineSuffix, breakParent } = doc.builders;

/** Whether prettier may hang comments on this node; every node except the comments themselves. */
export function canAttachComment(node: FmtNode | DlComment): boolean {
  return node.kind !== "Comment";
}

/** Whether the comment is a `/* ... *\/` block comment. */
export function isBlockComment(node: FmtNode | DlComment): boolean {
  return node.kind === "Comment" && node.block;
}

/** Prints one comment: line comments lose trailing blanks, block comments keep their inner lines verbatim. */
export function printComment(path: AstPath<FmtNode | DlComment>): Doc {
  const comment = path.node as DlComment;
  if (!comment.block) return comment.text.trimEnd();
  return join(literalline, comment.text.split("\n"));
}

/** `// prettier-ignore` (or the block form) as a leading comment keeps a node exactly as written. */
export function hasPrettierIgnore(path: AstPath<FmtNode>): boolean {
  return (path.node?.comments ?? []).some((c) => c.leading && isIgnoreComment(c));
}

function isIgnoreComment(c: DlComment): boolean {
  const body = c.block ? c.text.slice(2, -2) : c.text.replace(/^\/\/\/?/, "");
  return body.trim() === "prettier-ignore";
}

/**
 * Pipeline elements (the input and every stage) print their own comments: a comment written on
 * the line above `|> stage` must stay above the `|>`, where prettier's generic printing would put
 * it between `|>` and the stage, and comments after an element must keep the stage indentation.
 */
export function willPrintOwnComments(path: AstPath<FmtNode>): boolean {
  return isPipelineElement(path);
}

/** Whether the node at `path` is the input or a stage of a pipeline (or of a `repeat` block). */
export function isPipelineElement(path: AstPath<FmtNode>): boolean {
  const parent = path.parent as FmtNode | null;
  if (!parent) return false;
  return (parent.kind === "Pipe" && (path.key === "input" || path.key === "stages")) || (parent.kind === "Repeat" && path.key === "stages");
}

/**
 * The three placement handlers prettier calls before its defaults. Comments they leave dangling
 * carry a marker naming who prints them: `open` (after a block's `{`), `block` (inside empty
 * braces) or `list` (inside empty parentheses of a call).
 */
export const handleComments = {
  ownLine: (c: DlComment, text: string, _options: unknown, ast: FmtNode) => placeComment(c, text, ast as A.Program),
  endOfLine: (c: DlComment, text: string, _options: unknown, ast: FmtNode) => placeComment(c, text, ast as A.Program),
  remaining: (c: DlComment, text: string, _options: unknown, ast: FmtNode) => placeComment(c, text, ast as A.Program),
};

function placeComment(comment: DlComment, text: string, ast: A.Program): boolean {
  const { enclosingNode: enclosing, precedingNode: preceding, followingNode: following } = comment;
  if (!enclosing) return false;
  if (placeInBlock(comment, enclosing, preceding, following)) return true;
  if (enclosing.kind === "Call" && enclosing.args.length === 0 && locStart(comment) > enclosing.argsSpan.start) {
    util.addDanglingComment(enclosing, comment, "list");
    return true;
  }
  const ownLine = comment.placement === "ownLine";
  const standsAlone = ownLine && (!comment.block || util.hasNewline(text, locEnd(comment)));
  // A comment on its own line at the end of a list or block (nothing follows, or a closing `)`,
  // `]` or `}` does) trails the last line unit before it rather than leading what comes after.
  const closes = /[)\]}]/.test(util.getNextNonSpaceNonCommentCharacter(text, locEnd(comment)));
  if (standsAlone && preceding && (!following || closes)) {
    const unit = endsLine(enclosing, preceding) ? preceding : (innermost(ast, comment, endsLine) ?? preceding);
    util.addTrailingComment(unit, comment);
    return true;
  }
  // A comment on its own line must stay on its own line, so it may only lead a node that starts a
  // line; before anything else (`let x =` ⏎ comment ⏎ value) it moves above the statement.
  if (standsAlone && following && !isLineUnit(enclosing, following)) {
    const statement = innermost(ast, comment, (_parent, child) => statementKinds.has(child.kind));
    if (statement) {
      // Inside a block's header it goes after the `{`: above a model it would become its doc.
      const open = blockOpenings.get(statement);
      if (open !== undefined && locStart(comment) < open) util.addDanglingComment(statement, comment, "open");
      else util.addLeadingComment(statement, comment);
      return true;
    }
  }
  // A line comment at the end of a line trails the innermost node that ends a line (a statement,
  // a list item, a pipeline stage), so that two line comments never meet on one printed line.
  if (comment.placement === "endOfLine" && !comment.block && !(preceding && endsLine(enclosing, preceding))) {
    const unit = innermost(ast, comment, endsLine);
    if (unit) {
      util.addTrailingComment(unit, comment);
      return true;
    }
  }
  return false;
}

/** Comments between a block's header and its first statement, or inside empty braces. */
function placeInBlock(comment: DlComment, enclosing: A.Node, preceding?: A.Node, following?: A.Node): boolean {
  const open = blockOpenings.get(enclosing);
  const body = blockBody(enclosing);
  const header = headerEnds.get(enclosing);
  if (open === undefined || header === undefined || !body) return false;
  if (locStart(comment) < header) {
    // Inside the header (`model // note` ⏎ `Name(...) {`): the comment moves after the `{`. Above
    // the declaration it would change its doc text; inside the header a line comment would end it.
    util.addDanglingComment(enclosing, comment, "open");
    return true;
  }
  const inBody = (n: A.Node | undefined) => n !== undefined && body.includes(n);
  // Between statements, or after the last one: prettier's leading/trailing placement is right.
  if (inBody(preceding)) return false;
  const ownLineInside = comment.placement === "ownLine" && locStart(comment) > open;
  if (ownLineInside && inBody(following)) return false;
  // Comments that share the brace's line, or come before the brace, print right after `{`;
  // own-line ones in empty braces get lines of their own.
  util.addDanglingComment(enclosing, comment, ownLineInside ? "block" : "open");
  return true;
}

/** Node kinds that only ever stand as a statement or declaration, each on its own line. */
const statementKinds = new Set<string>([
  "ImportDecl", "ModelDecl", "TrainDecl", "InputStmt", "ParamStmt", "LetStmt", "LayerStmt", "ReturnStmt", "DataDecl",
  "InstanceDecl", "OptimizerDecl", "EpochsDecl", "SeedDecl", "ForLoop", "EvaluateBlock", "CheckpointDecl", "CheckpointBestDecl", "StopDecl", "SamplesDecl", "InitDecl", "FreezeDecl",
  "StepStmt", "RepeatStmt", "MetricDecl",
]);

/**
 * Whether `child` of `parent` is a line unit: printed at the start of a line whenever a comment
 * precedes it, and followed by a line break whenever a line comment follows it.
 */
function isLineUnit(parent: A.Node, child: A.Node): boolean {
  if (statementKinds.has(child.kind)) return true;
  switch (parent.kind) {
    case "Call":
      return parent.args.includes(child as A.Argument);
    case "ModelDecl":
      return parent.params.includes(child as A.Param);
    case "ImportDecl":
      return parent.names.includes(child as A.ImportName);
    case "TensorType":
      return parent.dims.includes(child as A.Expr);
    case "Tuple":
    case "List":
      return parent.items.includes(child as A.Expr);
    case "Pipe":
      return child === parent.input || parent.stages.includes(child as A.Expr);
    case "Repeat":
      return parent.stages.includes(child as A.Expr);
    case "If":
      return child === parent.then || (child === parent.else && child.kind !== "If");
    default:
      return false;
  }
}

/**
 * Whether a line break always follows `child` of `parent` once a line comment trails it: a line
 * unit, except the last stage of a pipeline, which ends the enclosing expression instead.
 */
function endsLine(parent: A.Node, child: A.Node): boolean {
  if (parent.kind === "Pipe" && child === parent.stages[parent.stages.length - 1]) return false;
  return isLineUnit(parent, child);
}

/** The innermost node around the comment that `accept` (given its parent) picks. */
function innermost(ast: A.Program, comment: DlComment, accept: (parent: A.Node, child: A.Node) => boolean): A.Node | undefined {
  let found: A.Node | undefined;
  let parent: A.Node = ast;
  for (;;) {
    const child: A.Node | undefined = childNodes(parent).find((c) => locStart(c) <= locStart(comment) && locEnd(comment) <= locEnd(c));
    if (!child) return found;
    if (accept(parent, child)) found = child;
    parent = child;
  }
}

function childNodes(node: A.Node): A.Node[] {
  const record = node as unknown as Record<string, unknown>;
  return (visitorKeys[node.kind] as readonly string[]).flatMap((key) => {
    const value = record[key];
    return (Array.isArray(value) ? value : [value]).filter((v): v is A.Node => typeof v === "object" && v !== null);
  });
}

/**
 * Prints the comments of the node at `path` that have not been attached before or after it; a line
 * comment carries a `breakParent`, since nothing may follow it on its line.
 */
export function printDanglingComments(
  path: AstPath,
  options: ParserOptions<FmtNode>,
  filter: (c: DlComment) => boolean = () => true,
): Doc[] {
  const docs: Doc[] = [];
  if (!(path.node as FmtNode).comments?.length) return docs;
  path.each((commentPath) => {
    const c = commentPath.node as unknown as DlComment;
    if (c.leading || c.trailing || c.printed || !filter(c)) return;
    c.printed = true;
    const printed = printComment(commentPath as AstPath<DlComment>);
    // A line comment runs to the end of the line, so whatever holds it must break.
    docs.push(c.block ? printed : [printed, breakParent]);
  }, "comments" as never);
  return docs;
}

/** The comments of a pipeline element, laid out: see `printOwnComments`. */
export interface OwnComments {
  /** Comments before the element, each followed by a line break (or a space for an inline block comment). */
  leading: Doc[];
  /** Trailing comments on the element's own line. */
  inline: Doc[];
  /** Trailing comments on lines of their own, each preceded by a line break. */
  lines: Doc[];
  /**
   * The trailing comments again, deferred to the end of the printed line the way prettier prints
   * trailing comments, for the last element of a pipeline: there they end the whole expression.
   */
  deferred: Doc[];
}

/**
 * Leading and trailing comments of a node whose printer handles its own comments (see
 * `willPrintOwnComments`). Trailing comments stay on the element's line until one of them is a
 * line comment or was written on a line of its own; the rest get lines of their own.
 */
export function printOwnComments(path: AstPath, options: ParserOptions<FmtNode>): OwnComments {
  const own: OwnComments = { leading: [], inline: [], lines: [], deferred: [] };
  const text = options.originalText;
  if (!(path.node as FmtNode).comments?.length) return own;
  let lineEnded = false;
  path.each((commentPath) => {
    const c = commentPath.node as unknown as DlComment;
    if (!c.leading && !c.trailing) return;
    c.printed = true;
    const printed = printComment(commentPath as AstPath<DlComment>);
    if (c.leading) {
      const sameLine = c.block && !util.hasNewline(text, locEnd(c));
      own.leading.push(printed, sameLine ? " " : hardline);
    } else if (lineEnded || util.hasNewline(text, locStart(c), { backwards: true })) {
      own.lines.push(hardline, printed);
      own.deferred.push(lineSuffix([hardline, printed]));
      lineEnded = true;
    } else {
      own.inline.push(" ", printed);
      own.deferred.push(c.block ? [" ", printed] : lineSuffix([" ", printed]));
      if (!c.block) {
        own.inline.push(breakParent);
        lineEnded = true;
      }
    }
  }, "comments" as never);
  return own;
}
