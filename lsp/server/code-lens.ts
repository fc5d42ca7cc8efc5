/**
 * Code lenses: each model's exact parameter count from its standalone check (trainable weights as
 * PyTorch counts them, plus running statistics when there are any).
 */
import type { CodeLens } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ServerContext } from "./context.js";
import { formatCount } from "./lookup.js";
import { toRange } from "./positions.js";

/** Lenses of the document at `path`. */
export function codeLenses(cx: ServerContext, doc: TextDocument, path: string): CodeLens[] {
  if (!cx.settings.codeLens.enabled) return [];
  const phase = cx.docs.pipeline.checked(path);
  const out: CodeLens[] = [];
  for (const item of phase.parse.ast.items) {
    if (item.kind !== "ModelDecl" || !item.name.name) continue;
    const inst = phase.models.get(item.name.name);
    if (!inst) continue;
    const count = formatCount(inst.frame.trainable);
    const fixed = formatCount(inst.frame.nonTrainable);
    const title = `${count} parameter${count === "1" ? "" : "s"}` + (fixed !== "0" ? ` (+ ${fixed} non-trainable)` : "");
    // No command: the lens is information, not an action.
    out.push({ range: toRange(doc, item.name.span), command: { title, command: "" } });
  }
  return out;
}
