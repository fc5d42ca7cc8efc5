/**
 * `workspace/willRenameFiles`: when `.dl` files are renamed or moved, the imports that name them
 * (in open documents and the workspace's files) are rewritten to the new path, and a moved file's
 * own relative imports to what they named before. `std/...` imports never change.
 */
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { FileRename, TextEdit, WorkspaceEdit } from "vscode-languageserver/node";
import type { ServerContext } from "./context.js";
import { toRange } from "./positions.js";
import { workspaceFiles } from "./references.js";

/** A relative import specifier from `from` to `target`, with `.dl` only when the old one had it. */
function specifier(from: string, target: string, withExtension: boolean): string {
  let rel = relative(dirname(from), target).replace(/\\/g, "/");
  if (!withExtension) rel = rel.replace(/\.dl$/, "");
  return rel.startsWith(".") ? rel : "./" + rel;
}

/** The import edits for `files` renamed. */
export function willRenameFiles(cx: ServerContext, files: FileRename[]): WorkspaceEdit {
  const moves = new Map<string, string>();
  for (const f of files) {
    if (!f.oldUri.startsWith("file:") || !f.newUri.startsWith("file:")) continue;
    const oldPath = fileURLToPath(f.oldUri);
    const newPath = fileURLToPath(f.newUri);
    // A renamed folder moves every .dl file under it.
    if (oldPath.endsWith(".dl")) moves.set(oldPath, newPath);
    else for (const inside of workspaceFiles([oldPath])) moves.set(inside, newPath + inside.slice(oldPath.length));
  }
  const changes: Record<string, TextEdit[]> = {};
  if (!moves.size) return { changes };
  const candidates = new Set([...cx.docs.openPaths(), ...workspaceFiles(cx.roots), ...moves.keys()]);
  for (const file of candidates) {
    const parsed = cx.docs.workspace.document(file);
    const doc = cx.docs.textDocument(file);
    if (!parsed || !doc) continue;
    const fileAfter = moves.get(file) ?? file;
    for (const item of parsed.parsed.ast.items) {
      if (item.kind !== "ImportDecl" || !item.path.value || item.path.value.startsWith("std/")) continue;
      const imported = cx.docs.workspace.importPath(file, item.path.value);
      const importedAfter = moves.get(imported) ?? imported;
      if (importedAfter === imported && fileAfter === file) continue;
      const spec = specifier(fileAfter, importedAfter, item.path.value.endsWith(".dl"));
      if (spec === item.path.value) continue;
      (changes[cx.docs.uri(file)] ??= []).push({ range: toRange(doc, item.path.span), newText: JSON.stringify(spec) });
    }
  }
  return { changes };
}
