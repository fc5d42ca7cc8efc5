/**
 * Matching a model's weights against saved ones by parameter name, as `init net from ...` does:
 * which names are missing from the checkpoint, which the checkpoint has that the model lacks,
 * and which differ in shape. Names are relative to the model (`body.dense_0.kernel`, without the
 * instance name), so weights move between instances of other names.
 *
 * This file is pure (no tfjs, no file system): the engine uses it when a run starts and the
 * checker uses it on the checkpoint's `model.json` when that is readable at check time, so both
 * report the same mismatches in the same words.
 */

/** A weight by its name relative to the model, and its shape. */
export interface NamedShape {
  name: string;
  shape: readonly number[];
}

/** What comparing a model's weights with a checkpoint's found. */
export interface WeightMatch {
  /** Pairs to copy: the model's name, the checkpoint's (the same), the shape. */
  load: string[];
  /** The model's weights that the checkpoint lacks (and no `except` covers). */
  missing: NamedShape[];
  /** The checkpoint's weights that the model lacks (and no `except` covers): not loaded. */
  extra: NamedShape[];
  /** Weights of both whose shapes differ. */
  shape: { name: string; model: readonly number[]; saved: readonly number[] }[];
  /** `except` prefixes that match no weight on either side. */
  unusedExcept: string[];
}

/** Whether `name` is `prefix` or lies under it (`head` covers `head.kernel`, not `header.kernel`). */
export function underPrefix(name: string, prefix: string): boolean {
  return name === prefix || name.startsWith(`${prefix}.`);
}

/** Compares by name; weights under an `except` prefix are skipped on both sides. */
export function matchWeights(model: readonly NamedShape[], saved: readonly NamedShape[], except: readonly string[] = []): WeightMatch {
  const skipped = (n: string) => except.some((p) => underPrefix(n, p));
  const savedByName = new Map(saved.map((s) => [s.name, s]));
  const modelNames = new Set(model.map((m) => m.name));
  const out: WeightMatch = { load: [], missing: [], extra: [], shape: [], unusedExcept: [] };
  for (const m of model) {
    if (skipped(m.name)) continue;
    const s = savedByName.get(m.name);
    if (!s) out.missing.push(m);
    else if (!sameShape(m.shape, s.shape)) out.shape.push({ name: m.name, model: m.shape, saved: s.shape });
    else out.load.push(m.name);
  }
  for (const s of saved) if (!modelNames.has(s.name) && !skipped(s.name)) out.extra.push(s);
  out.unusedExcept = except.filter((p) => !model.some((m) => underPrefix(m.name, p)) && !saved.some((s) => underPrefix(s.name, p)));
  return out;
}

/** The names relative to a model whose full names start with `root.` (the instance's name). */
export function relativeTo(root: string, names: Iterable<[string, readonly number[]]>): NamedShape[] {
  const out: NamedShape[] = [];
  for (const [name, shape] of names) out.push({ name: name.startsWith(`${root}.`) ? name.slice(root.length + 1) : name, shape });
  return out;
}

/**
 * The weights under `prefix`, named relative to it: a sub-model's (`encoder_0` of an
 * autoencoder) as a model of its own. No prefix: all of them.
 */
export function under(weights: readonly NamedShape[], prefix?: string): NamedShape[] {
  if (!prefix) return [...weights];
  return weights.filter((w) => w.name.startsWith(`${prefix}.`)).map((w) => ({ ...w, name: w.name.slice(prefix.length + 1) }));
}

/** `[16, 4]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * The `except` that would cover `names`: the layer each belongs to (the name without its last
 * part, `head` for `head.kernel`), in first-seen order.
 */
export function exceptFor(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const dot = n.lastIndexOf(".");
    const layer = dot > 0 ? n.slice(0, dot) : n;
    if (!out.includes(layer)) out.push(layer);
  }
  return out;
}

/** One line per problem that stops loading (missing and shape), at most `limit`, then a count. */
export function describeProblems(m: WeightMatch, model: string, limit = 8): string[] {
  const lines = [
    ...m.shape.map((s) => `${s.name}: ${formatShape(s.model)} in ${model}, ${formatShape(s.saved)} in the checkpoint`),
    ...m.missing.map((s) => `${s.name} ${formatShape(s.shape)}: in ${model}, not in the checkpoint`),
  ];
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
