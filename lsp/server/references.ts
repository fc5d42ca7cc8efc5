/**
 * Find references: every place the resolver linked to the same declaration, in this document and,
 * for models, in every open or workspace document that imports them.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Location } from "vscode-languageserver/node";
import type { Span } from "../../grammar/ast.js";
import type { ServerContext } from "./context.js";
import { canonical, findAt, isBuiltin, sameTarget, type Target } from "./lookup.js";
import { toRange } from "./positions.js";

export interface Occurrence {
  file: string;
  span: Span;
  declaration: boolean;
  /** The local name differs from the declaration's (`import { M as N }`): a rename of M leaves it. */
  alias: boolean;
}

/** `.dl` files under the workspace folders (at most `limit`), skipping dependencies and hidden folders. */
export function workspaceFiles(roots: string[], limit = 2000): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (out.length >= limit || depth > 12) return;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      if (out.length >= limit) return;
      if (n === "node_modules" || n.startsWith(".")) continue;
      const full = join(dir, n);
      if (n.endsWith(".dl")) out.push(full);
      else {
        try {
          if (statSync(full).isDirectory()) visit(full, depth + 1);
        } catch {
          // Unreadable entries are skipped.
        }
      }
    }
  };
  for (const r of roots) visit(r, 0);
  return out;
}

/** Documents that may mention `target`: its own file, open documents, and for models the workspace. */
function candidateFiles(cx: ServerContext, target: Target, from: string): string[] {
  const files = new Set<string>([from, ...cx.docs.openPaths()]);
  if (!isBuiltin(target)) {
    files.add(target.file);
    if (target.kind === "model") for (const f of workspaceFiles(cx.roots)) files.add(f);
  }
  if (!isBuiltin(target) && target.kind !== "model") return [target.file];
  return [...files].filter((f) => cx.docs.workspace.host.read(f)?.includes(target.name));
}

/** Every occurrence of the declaration `target` (already canonical). */
export function occurrences(cx: ServerContext, target: Target, from: string): Occurrence[] {
  const out: Occurrence[] = [];
  const seen = new Set<string>();
  const add = (o: Occurrence) => {
    const key = `${o.file}:${o.span.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(o);
  };
  if (!isBuiltin(target)) add({ file: target.file, span: target.span, declaration: true, alias: false });
  for (const file of candidateFiles(cx, target, from)) {
    const phase = cx.docs.pipeline.resolved(file);
    for (const s of phase.resolved.symbols) {
      if (s.file === file && s.kind === "import" && sameTarget(canonical(s), target)) add({ file, span: s.span, declaration: false, alias: s.name !== target.name });
    }
    for (const r of phase.resolved.references) {
      const t = r.symbol;
      if (!sameTarget(canonical(t), target)) continue;
      add({ file, span: r.span, declaration: false, alias: !isBuiltin(t) && t.kind === "import" && t.name !== target.name });
    }
  }
  return out.sort((a, b) => (a.file === b.file ? a.span.start - b.span.start : a.file < b.file ? -1 : 1));
}

/** References to what is at `offset` in the document at `path`. */
export function references(cx: ServerContext, path: string, offset: number, includeDeclaration: boolean): Location[] {
  const found = findAt(cx.docs.pipeline.resolved(path), offset);
  if (!found) return [];
  const target = canonical(found.target);
  const out: Location[] = [];
  for (const o of occurrences(cx, target, path)) {
    if (o.declaration && !includeDeclaration) continue;
    const doc = cx.docs.textDocument(o.file);
    if (doc) out.push({ uri: cx.docs.uri(o.file), range: toRange(doc, o.span) });
  }
  return out;
}
