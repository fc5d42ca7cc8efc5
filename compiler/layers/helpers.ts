/**
 * Small helpers shared by registry entries: rank checks that explain themselves, and printing of
 * compile-time values as TypeScript literals for the emitters.
 */
import { constValue, format, formatShape, type Dim } from "../shapes/dim.js";
import type { ArgValue, Padding, ShapeContext, TensorShape } from "../registry/types.js";

/** Checks `input` has `rank` axes; the message shows the shape and what the entry expects. */
export function requireRank(ctx: ShapeContext, input: TensorShape, rank: number, layout: string, hint = ""): boolean {
  if (input.shape.length === rank) return true;
  ctx.fail("rankMismatch", `${ctx.site} expects ${layout} (rank ${rank}) but got ${formatShape(input.shape)} (rank ${input.shape.length})${hint}`);
  return false;
}

/** Thrown when code generation meets a symbolic dimension: the model is then checked but not generated. */
export class SymbolicDimensionError extends Error {}

/** A dimension as a TS number literal. */
export function lit(d: Dim): string {
  const v = constValue(d);
  if (v === undefined) throw new SymbolicDimensionError(`code generation needs a constant but got '${format(d)}'`);
  return String(v);
}

export function pairLit(p: [Dim, Dim]): string {
  return `[${lit(p[0])}, ${lit(p[1])}]`;
}

export function paddingLit(p: Padding): string {
  if (p.kind !== "explicit") return JSON.stringify(p.kind);
  return `[${pairLit(p.pads[0])}, ${pairLit(p.pads[1])}]`;
}

/**
 * A dimension as a TS expression: constants fold to numbers; symbols must be readable at run
 * time (`symbols` maps the batch size to `x.shape[0]!`), else the model is check-only.
 */
export function dimCode(d: Dim, symbols: ReadonlyMap<string, string>): string {
  switch (d.k) {
    case "const":
      return String(d.v);
    case "sym": {
      const code = symbols.get(d.name);
      if (code === undefined) throw new SymbolicDimensionError(`code generation cannot read '${d.name}' at run time`);
      return code;
    }
    case "op": {
      const a = dimCode(d.a, symbols);
      const b = dimCode(d.b, symbols);
      if (d.op === "/") return `Math.floor(${a} / ${b})`;
      if (d.op === "ceil/") return `Math.ceil(${a} / ${b})`;
      return `(${a} ${d.op} ${b})`;
    }
  }
}

/** Typed accessors: the checker has already converted every argument to its declared type. */
export const arg = {
  dim: (v: ArgValue | undefined) => v as Dim,
  pair: (v: ArgValue | undefined) => v as [Dim, Dim],
  padding: (v: ArgValue | undefined) => v as Padding,
  num: (v: ArgValue | undefined) => v as number,
  bool: (v: ArgValue | undefined) => v as boolean,
  dims: (v: ArgValue | undefined) => v as Dim[],
};

/** Normalizes a negative axis against `rank`; undefined when out of range. */
export function normalizeAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? rank + axis : axis;
  return a >= 0 && a < rank ? a : undefined;
}

/**
 * Why a reduction may not take the batch axis of a batch `[B, ...]`: it would mix the examples,
 * and every later layer and loss would read the reduced axis as the batch (found by the
 * generated corpus: `min(axis=0)` in a model ran into cross_entropy with 6 scores for 2 labels).
 */
export function batchAxisReduced(site: string, raw: number, name: string): string {
  return `${site}: axis ${raw} is the batch axis; reducing it mixes the examples of a batch and leaves no batch axis for what follows; reduce the example axes (1 and up), or every axis with ${name}(x) for a scalar`;
}
