/**
 * What the pipeline says about the name under the cursor: the resolver's reference or declaration
 * at an offset, the declaration it stands for (imports followed to the model), and signatures of
 * built-ins and models as the editor shows them.
 */
import type * as A from "../../grammar/ast.js";
import type { CheckedPhase, ResolvedPhase } from "../../compiler/pipeline/document-pipeline.js";
import type { DlSymbol } from "../../compiler/resolve/resolver.js";
import { builtinDoc, type Builtin } from "../../compiler/resolve/builtins.js";
import type { ArgSpec } from "../../compiler/registry/types.js";
import { constValue, type Dim } from "../../compiler/shapes/dim.js";
import { formatPolynomial } from "./formula.js";
import type { ModelInstance } from "../../compiler/check/compilation.js";
import type { LayerRow, ShapeNote } from "../../compiler/check/frame.js";

export type Target = DlSymbol | Builtin;

export interface Found {
  /** The span of the name under the cursor. */
  span: A.Span;
  target: Target;
  /** True when the cursor is on the declaration itself. */
  declaration: boolean;
}

export function isBuiltin(t: Target): t is Builtin {
  return !("file" in t);
}

/** The reference or declaration at `offset` in the document of `phase`. */
export function findAt(phase: ResolvedPhase, offset: number): Found | undefined {
  let best: Found | undefined;
  const consider = (span: A.Span, target: Target, declaration: boolean) => {
    if (!(span.start <= offset && offset <= span.end)) return;
    // A cursor inside a name beats one at the end of the previous name.
    if (!best || (offset < span.end && best.span.end === offset)) best = { span, target, declaration };
  };
  for (const r of phase.resolved.references) consider(r.span, r.symbol, false);
  for (const s of phase.resolved.symbols) if (s.file === phase.path) consider(s.span, s, true);
  return best;
}

/** The declaration a symbol stands for: an imported name becomes the model it imports. */
export function canonical(t: Target): Target {
  if (!isBuiltin(t) && t.kind === "import" && t.target) {
    const d = t.target.decl;
    return { name: d.name.name, kind: "model", file: t.target.file, span: d.name.span };
  }
  return t;
}

/** Whether two targets are the same declaration. */
export function sameTarget(a: Target, b: Target): boolean {
  if (isBuiltin(a) || isBuiltin(b)) return isBuiltin(a) && isBuiltin(b) && a.name === b.name;
  return a.file === b.file && a.span.start === b.span.start && a.name === b.name;
}

/** One parameter of a signature as shown: `kernel: pair = 3`. */
export interface ShownParam {
  name: string;
  type: string;
  default?: string;
  doc: string;
}

export interface Signature {
  name: string;
  params: ShownParam[];
  doc: string;
}

/** The signature of a built-in with arguments (layers, losses, data, optimizers). */
export function builtinSignature(b: Builtin): Signature | undefined {
  if (b.kind === "constant") return undefined;
  const args: ArgSpec[] = b.entry.args;
  return { name: b.name, params: args.map((a) => ({ name: a.name, type: a.type, default: a.default, doc: a.doc })), doc: builtinDoc(b) };
}

/** The signature of a model declaration; defaults are shown as written in `text`. */
export function modelSignature(decl: A.ModelDecl, text: string): Signature {
  return {
    name: decl.name.name,
    params: decl.params.map((p) => ({ name: p.name.name, type: p.type.name, default: p.default ? text.slice(p.default.span.start, p.default.span.end) : undefined, doc: "" })),
    doc: decl.doc ?? "",
  };
}

/** `conv2d(filters: int, kernel: pair = 3)`. */
export function signatureLabel(s: Signature): { label: string; offsets: [number, number][] } {
  let label = `${s.name}(`;
  const offsets: [number, number][] = [];
  s.params.forEach((p, i) => {
    if (i) label += ", ";
    const text = `${p.name}: ${p.type}${p.default !== undefined ? ` = ${p.default}` : ""}`;
    offsets.push([label.length, label.length + text.length]);
    label += text;
  });
  return { label: label + ")", offsets };
}

/** A parameter count as people read it: `61,706`, or the collected formula (`9·C·F + 4·F`) when it depends on parameters. */
export function formatCount(d: Dim): string {
  const v = constValue(d);
  return v === undefined ? formatPolynomial(d) : v.toLocaleString("en-US");
}

/** The standalone check of the model named `name` in a checked document. */
export function modelInstance(phase: CheckedPhase, name: string): ModelInstance | undefined {
  return phase.models.get(name);
}

/** The model declaration a target names, with its file, when it is one. */
export function modelDeclOf(t: Target, phase: ResolvedPhase): { decl: A.ModelDecl; file: string } | undefined {
  if (isBuiltin(t)) return undefined;
  if (t.kind === "import" && t.target) return t.target;
  if (t.kind !== "model") return undefined;
  const g = phase.resolved.globals.get(t.name);
  if (g?.kind === "model" && g.ref.decl.name.span.start === t.span.start && g.ref.file === t.file) return g.ref;
  if (t.file === phase.path) {
    const decl = phase.parse.ast.items.find((i): i is A.ModelDecl => i.kind === "ModelDecl" && i.name.span.start === t.span.start);
    if (decl) return { decl, file: t.file };
  }
  return undefined;
}

interface SiteIndex {
  notes: Map<number, ShapeNote>;
  rows: Map<number, LayerRow>;
}

const siteIndexes = new WeakMap<CheckedPhase, SiteIndex>();

/**
 * Shapes and layer rows of a checked document by the start offset of their span. A model's
 * standalone check comes first, so a hover in a model shows the shapes its own declaration implies
 * rather than those of one particular use.
 */
export function siteIndex(phase: CheckedPhase): SiteIndex {
  let index = siteIndexes.get(phase);
  if (index) return index;
  index = { notes: new Map(), rows: new Map() };
  const frames = [...phase.models.values()].map((m) => m.frame);
  // Checks that stopped at an error come last: they show the shapes up to it.
  const all = [...frames, ...phase.trains.map((t) => t.frame), ...phase.compilation.instances.map((i) => i.frame), ...phase.compilation.unfinished];
  for (const f of all) {
    for (const n of f.notes) if (n.file === phase.path && !index.notes.has(n.span.start)) index.notes.set(n.span.start, n);
    for (const r of f.rows) if (r.file === phase.path && !index.rows.has(r.span.start)) index.rows.set(r.span.start, r);
  }
  siteIndexes.set(phase, index);
  return index;
}
