/**
 * Signature help on layer, model, data and optimizer calls: the callee's arguments with types and
 * defaults, the active one picked by position or by name.
 */
import { MarkupKind, type SignatureHelp } from "vscode-languageserver/node";
import type { ResolvedPhase } from "../../compiler/pipeline/document-pipeline.js";
import type { ServerContext } from "./context.js";
import { builtinSignature, modelSignature, signatureLabel, type Signature } from "./lookup.js";
import { tokenContext } from "./token-context.js";

function signatureOf(cx: ServerContext, phase: ResolvedPhase, name: string): Signature | undefined {
  const g = phase.resolved.globals.get(name);
  if (!g) return undefined;
  if (g.kind === "builtin") return builtinSignature(g.builtin);
  const text = g.ref.file === phase.path ? phase.text : (cx.docs.textDocument(g.ref.file)?.getText() ?? "");
  return modelSignature(g.ref.decl, text);
}

/** Signature help at `offset` in the document at `path`. */
export function signatureHelp(cx: ServerContext, path: string, offset: number): SignatureHelp | null {
  const phase = cx.docs.pipeline.resolved(path);
  const tc = tokenContext(phase.parse.segmentTokens(offset), offset);
  if (!tc.call) return null;
  const sig = signatureOf(cx, phase, tc.call.callee.image);
  if (!sig) return null;
  const { label, offsets } = signatureLabel(sig);
  let active = tc.call.currentName ? sig.params.findIndex((p) => p.name === tc.call!.currentName) : tc.call.index;
  if (active < 0 || active >= sig.params.length) active = sig.params.length ? Math.min(Math.max(active, 0), sig.params.length - 1) : 0;
  return {
    signatures: [
      {
        label,
        documentation: { kind: MarkupKind.Markdown, value: sig.doc },
        parameters: sig.params.map((p, i) => ({ label: offsets[i]!, documentation: p.doc ? { kind: MarkupKind.Markdown, value: p.doc } : undefined })),
        activeParameter: active,
      },
    ],
    activeSignature: 0,
    activeParameter: active,
  };
}
