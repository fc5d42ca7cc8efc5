/**
 * The fix suggested when a tensor given to a model instance in a train block has the wrong size
 * on one axis, offered only when it is right: a model parameter that sets that size (`channels=1`
 * for ResNet18 on MNIST), `pad(n)` for images read from a data set that are smaller by the same
 * even amount on both spatial axes, and the right shape for noise drawn by `normal` or `uniform`.
 */
import type * as A from "../../grammar/ast.js";
import * as D from "../shapes/dim.js";
import type { ModelInstance } from "./compilation.js";
import type { Value } from "./values.js";

type Tensor = Extract<Value, { t: "tensor" }>;

/** The hint (starting with `; `) for `given` at input `index` of `instance`, or "" when none is right. */
export function inputMismatchHint(instance: ModelInstance, index: number, given: Tensor, fromData: boolean): string {
  const want = instance.inputs[index]!.shape;
  const hints = [noiseHint(want, given), parameterHint(instance, index, given), fromData ? padHint(want, given.shape) : undefined, batchAxisHint(instance, index, given), flattenHint(want, given)];
  const found = hints.filter((h): h is string => h !== undefined);
  return found.length ? `; ${found.join(", or ")}` : "";
}

/**
 * A size the input declares by a parameter of the model (`f32[B, size, size, channels]`): when
 * the given sizes agree on every axis the parameter sets, passing it fixes the mismatch.
 */
function parameterHint(instance: ModelInstance, index: number, given: Tensor): string | undefined {
  const decl = instance.model.decl;
  const input = decl.body.filter((s): s is A.InputStmt => s.kind === "InputStmt")[index];
  if (!input || input.type.dims.length !== given.shape.length) return undefined;
  const params = new Set(decl.params.map((p) => p.name.name));
  const fixes: string[] = [];
  for (const [axis, dim] of input.type.dims.entries()) {
    if (dim.kind !== "Name" || !params.has(dim.name) || !D.definitelyDifferent(instance.inputs[index]!.shape[axis]!, given.shape[axis]!)) continue;
    const value = D.constValue(given.shape[axis]!);
    if (value === undefined) return undefined;
    const same = input.type.dims.every((d, j) => d.kind !== "Name" || d.name !== dim.name || D.constValue(given.shape[j]!) === value);
    if (!same) return undefined;
    const fix = `${dim.name}=${value}`;
    if (!fixes.includes(fix)) fixes.push(fix);
  }
  // Every mismatched axis must be one the parameters set, or passing them is not the whole fix.
  const covered = instance.inputs[index]!.shape.every((d, axis) => {
    if (!D.definitelyDifferent(d, given.shape[axis]!)) return true;
    const dim = input.type.dims[axis]!;
    return dim.kind === "Name" && params.has(dim.name);
  });
  return fixes.length && covered ? `pass ${fixes.join(", ")} to ${decl.name.name}` : undefined;
}

/** Images `[B, H, W, C]` from a data set that are `2n` smaller on both H and W: `pad(n)`. */
function padHint(want: D.Dim[], got: D.Dim[]): string | undefined {
  if (want.length !== 4 || got.length !== 4 || D.definitelyDifferent(want[3]!, got[3]!)) return undefined;
  const grow = [1, 2].map((axis) => {
    const w = D.constValue(want[axis]!);
    const g = D.constValue(got[axis]!);
    return w === undefined || g === undefined ? undefined : w - g;
  });
  const n = grow[0];
  if (n === undefined || n !== grow[1] || n <= 0 || n % 2 !== 0) return undefined;
  return `pad the data with '|> pad(${n / 2})'`;
}

/** Noise drawn with the wrong shape: the call with the shape the model takes (batch axis kept). */
function noiseHint(want: D.Dim[], given: Tensor): string | undefined {
  if (given.from !== "normal" && given.from !== "uniform") return undefined;
  if (want.length === 0) return undefined;
  const shape = want.map((d, axis) => (axis === 0 && given.shape[0] ? given.shape[0] : d));
  return `draw it as ${given.from}(${D.formatShape(shape)})`;
}

/**
 * An input declared without its batch axis (Keras' `input_shape=(28, 28, 1)`): the tensor given
 * has one more axis in front and agrees on the rest.
 */
function batchAxisHint(instance: ModelInstance, index: number, given: Tensor): string | undefined {
  const input = instance.inputs[index]!;
  const want = input.shape;
  if (given.shape.length !== want.length + 1 || !want.every((d, axis) => !D.definitelyDifferent(d, given.shape[axis + 1]!))) return undefined;
  return `the declared shape has no batch axis: every input starts with it, input ${input.name}: ${input.dtype}${D.formatShape([D.sym("B"), ...want])}`;
}

/** Images given to a model on flat vectors of as many values (an MLP on `[B, 784]` fed `[B, 28, 28, 1]`). */
function flattenHint(want: D.Dim[], given: Tensor): string | undefined {
  if (want.length !== 2 || given.shape.length < 3) return undefined;
  const n = D.constValue(want[1]!);
  const m = D.constValue(D.product(given.shape.slice(1)));
  return n !== undefined && n === m ? `flatten it first: |> flatten gives [${D.format(given.shape[0]!)}, ${n}]` : undefined;
}
