/**
 * `zip`: pairs two data sets example by example without copying storage. Each set's fields keep
 * their own storage (rebased to a view of the set's window) and form an independent *group*: with
 * `batch(..., {shuffle: true})` every group draws its own seeded permutation, so the pairs are
 * unpaired (CycleGAN's two domains). The length is the shorter set's; when shuffled, the longer
 * set contributes a fresh subset of its whole window (its `pool`) every epoch.
 */
import { type Field, rowSize } from "./field.js";

/** The window a data set reads: its fields, first example and number of examples. */
interface Window {
  readonly fields: readonly Field[];
  readonly offset: number;
  readonly length: number;
  readonly origin: string;
}

/** A field narrowed to storage rows `[offset, offset + length)`, its group's pool defaulting to `length`. */
function rebase(f: Field, offset: number, length: number): Field {
  const n = rowSize(f);
  return { ...f, storage: f.storage.subarray(offset * n, (offset + length) * n), pool: Math.min(f.pool ?? length, length) };
}

/** Fields of `a` then the fields of `b` renamed with a `2` suffix (offset 0, length = the shorter). */
export function zipFields(a: Window, b: Window): { fields: Field[]; length: number } {
  const left = a.fields.map((f) => rebase(f, a.offset, a.length));
  const next = Math.max(0, ...left.map((f) => f.group ?? 0)) + 1;
  const right = b.fields.map((f) => ({ ...rebase(f, b.offset, b.length), name: `${f.name}2`, group: (f.group ?? 0) + next }));
  const names = new Set(left.map((f) => f.name));
  const clash = right.find((f) => names.has(f.name));
  if (clash) throw new Error(`${a.origin} zip ${b.origin}: both sets would have a field "${clash.name}"`);
  return { fields: [...left, ...right], length: Math.min(a.length, b.length) };
}
