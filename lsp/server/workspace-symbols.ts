/**
 * `workspace/symbol`: models and train blocks of the open documents, the workspace's `.dl` files
 * and the standard library, matched by the query's characters in order, case-insensitively (as
 * rust-analyzer and tsserver do), best matches first.
 */
import { SymbolKind, type SymbolInformation } from "vscode-languageserver/node";
import type { ServerContext } from "./context.js";
import { toRange } from "./positions.js";
import { workspaceFiles } from "./references.js";

/** How well `name` matches `query`: lower is better; undefined when it does not. */
function score(name: string, query: string): number | undefined {
  if (!query) return 0;
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n.startsWith(q)) return 0;
  if (n.includes(q)) return 1;
  let i = 0;
  for (const c of n) if (c === q[i]) i++;
  return i === q.length ? 2 : undefined;
}

/** The symbols matching `query` (at most `limit`). */
export function workspaceSymbols(cx: ServerContext, query: string, limit = 500): SymbolInformation[] {
  const files = new Set([...cx.docs.openPaths(), ...workspaceFiles(cx.roots), ...workspaceFiles([cx.docs.workspace.stdRoot])]);
  const found: { info: SymbolInformation; score: number }[] = [];
  for (const file of files) {
    const doc = cx.docs.workspace.document(file);
    if (!doc) continue;
    const text = cx.docs.textDocument(file);
    if (!text) continue;
    for (const item of doc.parsed.ast.items) {
      if ((item.kind !== "ModelDecl" && item.kind !== "TrainDecl") || !item.name.name) continue;
      const s = score(item.name.name, query);
      if (s === undefined) continue;
      found.push({
        score: s,
        info: {
          name: item.name.name,
          kind: item.kind === "ModelDecl" ? SymbolKind.Class : SymbolKind.Namespace,
          location: { uri: cx.docs.uri(file), range: toRange(text, item.name.span) },
          containerName: cx.docs.workspace.display(file),
        },
      });
    }
  }
  found.sort((a, b) => a.score - b.score || a.info.name.localeCompare(b.info.name));
  return found.slice(0, limit).map((f) => f.info);
}
