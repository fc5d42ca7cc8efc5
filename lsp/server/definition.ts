/**
 * Go to definition: a name's declaration in this document, in an imported one or in `std/`;
 * an import's path opens the module it names.
 */
import type { Location } from "vscode-languageserver/node";
import type { ServerContext } from "./context.js";
import { canonical, findAt, isBuiltin } from "./lookup.js";
import { toRange } from "./positions.js";

/** The definition of what is at `offset` in the document at `path`. */
export function definition(cx: ServerContext, path: string, offset: number): Location[] {
  const phase = cx.docs.pipeline.resolved(path);
  for (const imp of phase.resolved.imports) {
    const s = imp.decl.path.span;
    if (s.start <= offset && offset <= s.end) return [{ uri: cx.docs.uri(imp.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }
  const found = findAt(phase, offset);
  if (!found) return [];
  const target = canonical(found.target);
  if (isBuiltin(target)) return [];
  const doc = cx.docs.textDocument(target.file);
  if (!doc) return [];
  return [{ uri: cx.docs.uri(target.file), range: toRange(doc, target.span) }];
}
