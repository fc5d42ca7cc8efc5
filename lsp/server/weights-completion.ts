/**
 * Completion of weight paths: after `freeze net.` the layers and variables under that prefix,
 * after `except` the model's layers, after `init net from` the file's train blocks (and after
 * `stage4.` their models), and in an optimizer's arguments after `net.` the paths a parameter
 * group can take (`adam(group(net.body_0, lr=1e-4), net.head)`). Names come from the checked
 * train block (the generated class's).
 */
import { CompletionItemKind, type CompletionItem } from "vscode-languageserver/node";
import type { CheckedPhase } from "../../compiler/pipeline/document-pipeline.js";
import { formatShape } from "../../compiler/shapes/dim.js";

/** The next part of each weight name under `prefix` ("" for the top), with what lies under it. */
function nextParts(weights: { name: string; shape: Parameters<typeof formatShape>[0] }[], prefix: string): CompletionItem[] {
  const out = new Map<string, { count: number; shape?: string }>();
  for (const w of weights) {
    if (prefix && !w.name.startsWith(`${prefix}.`)) continue;
    const rest = prefix ? w.name.slice(prefix.length + 1) : w.name;
    const part = rest.split(".")[0]!;
    const seen = out.get(part) ?? { count: 0 };
    seen.count++;
    if (rest === part) seen.shape = formatShape(w.shape);
    out.set(part, seen);
  }
  return [...out].map(([label, s]) => ({
    label,
    kind: s.shape ? CompletionItemKind.Field : CompletionItemKind.Module,
    detail: s.shape ?? `${s.count} weight${s.count === 1 ? "" : "s"}`,
  }));
}

/**
 * Items when the text `before` the cursor on its line is a weight path of an `init` or `freeze`
 * in the train block around `offset`; undefined elsewhere.
 */
export function weightPathItems(phase: CheckedPhase, before: string, offset: number): CompletionItem[] | undefined {
  const train = phase.trains.find((t) => t.decl.span.start <= offset && offset <= t.decl.span.end);
  // `optimizer opt = adam(group(net.` : a parameter group's path under a model instance.
  const optimizer = /^\s*optimizer\s+\w+\s*=.*?\b([A-Za-z_]\w*)((?:\.\w+)*)\.\w*$/.exec(before);
  if (optimizer) {
    const inst = train?.models.find((m) => m.name === optimizer[1])?.instance;
    return inst ? nextParts(inst.frame.weights, optimizer[2]!.slice(1)) : undefined;
  }
  const statement = /^\s*(init|freeze)\b(.*)$/.exec(before);
  if (!statement) return undefined;
  const decl = phase.parse.ast.items.find((i) => i.kind === "TrainDecl" && i.span.start <= offset && offset <= i.span.end + 1);
  const instance = (name: string) => train?.models.find((m) => m.name === name)?.instance;
  const rest = statement[2]!;
  // The path being typed: dotted names before the cursor, the last one partial.
  const typed = /([A-Za-z_][\w.]*)?$/.exec(rest)![0];
  const prefix = typed.includes(".") ? typed.slice(0, typed.lastIndexOf(".")) : "";
  if (statement[1] === "freeze") {
    // `freeze ` or `freeze a, `: the models; `freeze net.`: what is under net.
    if (!prefix) return train?.models.map((m) => ({ label: m.name, kind: CompletionItemKind.Variable, detail: `model ${m.name}` })) ?? [];
    const [model, ...under] = prefix.split(".");
    const inst = instance(model!);
    return inst ? nextParts(inst.frame.weights, under.join(".")) : [];
  }
  const init = /^\s+([A-Za-z_]\w*)\s+from\s+(.*)$/.exec(rest);
  if (!init) return undefined;
  const source = init[2]!;
  if (/\bexcept\b/.test(source)) {
    const inst = instance(init[1]!);
    return inst ? nextParts(inst.frame.weights, prefix) : [];
  }
  if (source.startsWith('"')) return undefined;
  // `init net from ` → train blocks; `init net from stage4.` → that block's models.
  if (!prefix) {
    const here = decl?.kind === "TrainDecl" ? decl.name.name : undefined;
    return phase.trains.filter((t) => t.name !== here).map((t) => ({ label: t.name, kind: CompletionItemKind.Module, detail: `train ${t.name}` }));
  }
  const other = phase.trains.find((t) => t.name === prefix);
  return other?.models.map((m) => ({ label: m.name, kind: CompletionItemKind.Variable, detail: `model ${m.name} of train ${other.name}` })) ?? [];
}
