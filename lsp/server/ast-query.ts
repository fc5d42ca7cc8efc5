/**
 * Syntactic navigation over the compiler's AST: which item, statement or call surrounds an offset.
 * This only locates nodes by their spans; meaning always comes from the pipeline's phases.
 */
import type * as A from "../../grammar/ast.js";

type AnyNode = { kind: string; span: A.Span };

function isNode(v: unknown): v is AnyNode {
  return typeof v === "object" && v !== null && typeof (v as AnyNode).kind === "string" && typeof (v as AnyNode).span === "object";
}

/** The child nodes of any AST node, in source order of their fields. */
export function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "span" || key === "comments") continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/** Visits every node under `root` depth-first; return false from `visit` to skip a subtree. */
export function walk(root: AnyNode, visit: (n: AnyNode, parent: AnyNode | undefined) => boolean | void, parent?: AnyNode): void {
  if (visit(root, parent) === false) return;
  for (const c of children(root)) walk(c, visit, root);
}

/** The top-level item whose span contains `offset`. */
export function itemAt(program: A.Program, offset: number): A.Item | undefined {
  return program.items.find((i) => i.span.start <= offset && offset <= i.span.end);
}

/** The nodes whose spans contain `offset`, outermost first. */
export function nodesAt(program: A.Program, offset: number): AnyNode[] {
  const path: AnyNode[] = [];
  const item = itemAt(program, offset);
  if (!item) return path;
  walk(item, (n) => {
    if (n.span.start <= offset && offset <= n.span.end) {
      path.push(n);
      return true;
    }
    return false;
  });
  return path;
}

/** Every node of one kind in the program. */
export function nodesOfKind<K extends A.Node["kind"]>(program: A.Program, kind: K): Extract<A.Node, { kind: K }>[] {
  const out: Extract<A.Node, { kind: K }>[] = [];
  for (const item of program.items) walk(item, (n) => void (n.kind === kind && out.push(n as Extract<A.Node, { kind: K }>)));
  return out;
}
