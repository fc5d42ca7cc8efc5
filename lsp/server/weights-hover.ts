/**
 * Hover over weights that move: the keywords `init`, `except` and `freeze` say what they do, and
 * a name in a weight path (`net.body_0.dense_0`, an `except head`) lists the weights under it,
 * from the checked train block (the names `init` matches and `freeze` stops).
 */
import { MarkupKind, type Hover } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as A from "../../grammar/ast.js";
import type { CheckedPhase } from "../../compiler/pipeline/document-pipeline.js";
import { formatShape } from "../../compiler/shapes/dim.js";
import { walk } from "./ast-query.js";
import { toRange } from "./positions.js";

/** What each keyword of weights that move does, shown on hover. */
export const weightKeywordDocs: Record<string, string> = {
  init:
    "`init <model> from <source> [except <prefix>, ...]`: the model starts from saved weights, matched by parameter name " +
    "under the model. The source is a run folder (`\"runs/pretrain\"`: its best checkpoint if it kept one, else its latest) or " +
    "another train block of this file (`pretrain` or `pretrain.net`: its final weights; `dl run` trains it first); " +
    "`init net.encoder_0 from pretrain.ae.encoder_0` takes a sub-model from a sub-model. A weight " +
    "missing from the source or of another shape is an error naming both shapes; weights only the source has are not loaded (a warning). " +
    "A resumed run starts from its own checkpoint instead.",
  except:
    "`except head, body_0.dense_1`: weights under these prefixes keep their fresh initialization (a replaced head), and the " +
    "source's weights under them are not loaded.",
  freeze:
    "`freeze net.body_0, net.head.bias`: no optimizer updates these weights (a layer, a block or one variable, by name under " +
    "the model; `freeze net` freezes it all). A frozen batch norm normalizes with its running statistics, in training steps too, " +
    "and leaves them unchanged.",
};

/** Hover for `init`/`except`/`freeze` keywords and weight paths, or null when the offset is elsewhere. */
export function weightsHover(phase: CheckedPhase, doc: TextDocument, offset: number): Hover | null {
  let found: { item: A.InitDecl | A.FreezeDecl; path?: A.WeightPath; part?: number } | undefined;
  // Only the declaration under the cursor is walked: hover stays cheap on a 10,000-line file.
  for (const item of phase.parse.ast.items) {
    if (offset < item.span.start || offset > item.span.end) continue;
    walk(item, (n) => {
      if ((n.kind === "InitDecl" || n.kind === "FreezeDecl") && n.span.start <= offset && offset <= n.span.end) found = { item: n as A.InitDecl | A.FreezeDecl };
      if (n.kind === "WeightPath" && found && n.span.start <= offset && offset <= n.span.end) {
        const p = n as A.WeightPath;
        const part = p.parts.findIndex((x) => x.span.start <= offset && offset <= x.span.end);
        if (part >= 0) found = { ...found, path: p, part };
      }
    });
  }
  if (!found) return null;
  const token = phase.parse.segmentTokens(offset + 1).find((t) => t.startOffset <= offset && offset < t.startOffset + t.image.length);
  if (!token) return null;
  const word = token.image;
  if (!found.path && weightKeywordDocs[word] && token.tokenType.name.toLowerCase() === word) {
    return { contents: { kind: MarkupKind.Markdown, value: weightKeywordDocs[word]! }, range: toRange(doc, { start: token.startOffset, end: token.startOffset + word.length }) };
  }
  if (!found.path || found.part === undefined) return null;
  const { item, path, part } = found;
  // The model the path lies under, and where in the path its parameter names start.
  let model: string | undefined;
  let from = 0;
  if (item.kind === "FreezeDecl") {
    model = path.parts[0]!.name;
    from = 1;
  } else if (item.except.includes(path)) model = item.model.name;
  else {
    // An init's source: a train block, then its model.
    const train = phase.trains.find((t) => t.name === path.parts[0]!.name);
    const text = part === 0 ? `train ${path.parts[0]!.name}` : `model ${path.parts[1]!.name} of train ${path.parts[0]!.name}`;
    const models = train ? ` (models: ${train.models.map((m) => m.name).join(", ")})` : "";
    return { contents: { kind: MarkupKind.Markdown, value: "```dl\n" + text + "\n```" + (part === 0 ? models : "") }, range: toRange(doc, path.parts[part]!.span) };
  }
  if (part < from) return null;
  const train = phase.trains.find((t) => t.decl.span.start <= item.span.start && item.span.end <= t.decl.span.end);
  const instance = train?.models.find((m) => m.name === model)?.instance;
  if (!instance) return null;
  const prefix = path.parts
    .slice(from, part + 1)
    .map((p) => p.name)
    .join(".");
  const under = instance.frame.weights.filter((w) => w.name === prefix || w.name.startsWith(`${prefix}.`));
  if (!under.length) return null;
  const lines = under.slice(0, 16).map((w) => `- \`${w.name}\` ${formatShape(w.shape)}${w.trainable ? "" : " (buffer)"}`);
  if (under.length > 16) lines.push(`- … ${under.length - 16} more`);
  const value = ["```dl\n" + `${model}.${prefix}` + "\n```", `${under.length} weight${under.length === 1 ? "" : "s"}:`, lines.join("\n")].join("\n\n");
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(doc, path.parts[part]!.span) };
}
