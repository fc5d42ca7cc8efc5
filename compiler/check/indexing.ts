/**
 * Indexing and slicing of tensors (`x[:, 0]`, `x[..., :C/2]`, `x[1:-1]`) and item access of
 * tuples (`t[0]`, `net(x).0`): the shape rule and the IR slice node each records. An index
 * drops its axis, a range keeps it with its new size, `...` stands for every axis not named.
 * A range may take a constant step (`x[::2]`, `x[:, 1:7:2]`), negative ones walking the axis
 * backwards as in Python (`x[::-1]`, `x[5:1:-2]`). Slicing is linear (its gradient pads, the
 * gradient of that slices; a step reverses, pads and reshapes), so it is twice differentiable.
 */
import type * as A from "../../grammar/ast.js";
import { catalog } from "../diagnostics/catalog.js";
import * as D from "../shapes/dim.js";
import type { Reporter } from "./reporter.js";
import type { Frame } from "./frame.js";
import { describe, unknown, type Value } from "./values.js";

/** What indexing needs from the evaluator: values of the items, the reporter, the frame to record into. */
export interface IndexHost {
  r: Reporter;
  frame: Frame;
  /** The file being checked, for the nodes' source locations. */
  file: string;
  value(e: A.Expr): Value;
}

type Tensor = Extract<Value, { t: "tensor" }>;

/**
 * One axis of the result: the block `[start, start + size)` of the input's axis, or an index that
 * drops it, and the step through the block (negative: from its last element backwards).
 */
interface AxisCut {
  start: D.Dim;
  size: D.Dim;
  /** The whole axis: emitted as size -1, so a run-time batch size needs no constant. */
  whole: boolean;
  drop: boolean;
  step: number;
}

/** `object[items]`: a tensor sliced, or a tuple's item. */
export function indexValue(host: IndexHost, e: A.IndexExpr, object: Value): Value {
  if (object.t === "unknown") return unknown;
  if (object.t === "tuple") return tupleItem(host, object, e.items, e.span);
  if (object.t !== "tensor") {
    host.r.report(catalog.typeMismatch(host.r.at(e.span), `only a tensor or a tuple can be indexed, but this is ${describe(object)}`));
    return unknown;
  }
  return sliceTensor(host, e, object);
}

/** `t.0` or `t[0]`: the item of a tuple at a constant position. */
export function tupleItem(host: IndexHost, tuple: Extract<Value, { t: "tuple" }>, items: A.IndexItem[] | number, span: A.Span): Value {
  let i: number | undefined;
  if (typeof items === "number") i = items;
  else if (items.length === 1 && items[0]!.form === "index") {
    const v = host.value(items[0]!.start!);
    if (v.t === "unknown") return unknown;
    i = v.t === "int" ? D.constValue(v.v) : undefined;
  }
  const n = tuple.items.length;
  if (i === undefined) {
    host.r.report(catalog.typeMismatch(host.r.at(span), `a tuple's item is chosen by one constant int (0 to ${n - 1}), as in t.0 or t[1]`));
    return unknown;
  }
  const at = i < 0 ? n + i : i;
  if (at < 0 || at >= n) {
    host.r.report(catalog.invalidArgument(host.r.at(span), `item ${i} is out of range for a tuple of ${n} value${n === 1 ? "" : "s"} (${describe(tuple)})`));
    return unknown;
  }
  return tuple.items[at]!;
}

function sliceTensor(host: IndexHost, e: A.IndexExpr, x: Tensor): Value {
  const rank = x.shape.length;
  const rests = e.items.filter((i) => i.form === "rest");
  if (rests.length > 1) {
    host.r.report(catalog.invalidArgument(host.r.at(rests[1]!.span), "an index takes at most one '...'"));
    return unknown;
  }
  const named = e.items.length - rests.length;
  if (named > rank) {
    host.r.report(catalog.rankMismatch(host.r.at(e.span), `${named} indices for a tensor of rank ${rank} (${D.formatShape(x.shape)})`));
    return unknown;
  }
  // Items before `...` name the first axes, items after it the last ones.
  const restAt = e.items.findIndex((i) => i.form === "rest");
  const axisOf = (k: number): number => (restAt === -1 || k < restAt ? k : rank - (e.items.length - k));
  const cuts: AxisCut[] = x.shape.map((d) => ({ start: D.dim(0), size: d, whole: true, drop: false, step: 1 }));
  for (let k = 0; k < e.items.length; k++) {
    const item = e.items[k]!;
    if (item.form === "rest") continue;
    const axis = axisOf(k);
    const cut = axisCut(host, item, x.shape[axis]!, axis, x.shape);
    if (!cut) return unknown;
    cuts[axis] = cut;
  }
  // A step of s keeps ceil(size / s) elements of the block.
  const shape = cuts.filter((c) => !c.drop).map((c) => (Math.abs(c.step) === 1 ? c.size : D.ceilDiv(c.size, D.dim(Math.abs(c.step)))));
  const stepped = cuts.some((c) => c.step !== 1);
  if (cuts.every((c) => c.whole) && !stepped) return x;
  const output = { shape, dtype: x.dtype };
  host.frame.require(cuts.flatMap((c) => [c.start, c.size]), true);
  host.frame.require(shape, true);
  const ref = host.frame.bind({
    op: "slice",
    inputs: [x.ref],
    begin: cuts.map((c) => c.start),
    size: cuts.map((c) => (c.whole ? "all" : c.size)),
    drop: cuts.flatMap((c, i) => (c.drop ? [i] : [])),
    ...(stepped ? { step: cuts.map((c) => c.step) } : {}),
    output,
    at: { file: host.file, span: e.span },
  });
  return { t: "tensor", shape, dtype: x.dtype, ref };
}

/** The cut one item makes in an axis of size `size`; reports and returns undefined when it is out of range. */
function axisCut(host: IndexHost, item: A.IndexItem, size: D.Dim, axis: number, shape: D.Dim[]): AxisCut | undefined {
  const bound = (e: A.Expr | undefined, fallback: D.Dim): D.Dim | undefined => {
    if (!e) return fallback;
    const v = host.value(e);
    if (v.t === "unknown") return undefined;
    if (v.t !== "int") {
      host.r.report(catalog.typeMismatch(host.r.at(e.span), `an index or a range bound must be an int, but got ${describe(v)}`));
      return undefined;
    }
    // A negative constant counts from the end, as in Python.
    const c = D.constValue(v.v);
    return c !== undefined && c < 0 ? D.add(size, v.v) : v.v;
  };
  const where = `axis ${axis} of ${D.formatShape(shape)}`;
  const n = D.constValue(size);
  if (item.form === "index") {
    const i = bound(item.start, D.dim(0));
    if (!i) return undefined;
    const c = D.constValue(i);
    if (c !== undefined && (c < 0 || (n !== undefined && c >= n))) {
      host.r.report(catalog.invalidArgument(host.r.at(item.span), `index ${D.format(i)} is out of range for ${where} (0 to ${n === undefined ? D.format(size) : n - 1})`));
      return undefined;
    }
    return { start: i, size: D.dim(1), whole: false, drop: true, step: 1 };
  }
  const step = stepOf(host, item);
  if (step === undefined) return undefined;
  if (step < 0) return backwardCut(host, item, size, where, step, bound);
  const start = bound(item.start, D.dim(0));
  const end = bound(item.end, size);
  if (!start || !end) return undefined;
  const s = D.constValue(start);
  const t = D.constValue(end);
  const length = D.sub(end, start);
  const l = D.constValue(length);
  if ((s !== undefined && s < 0) || (t !== undefined && n !== undefined && t > n) || (l !== undefined && l <= 0)) {
    const text = `${item.start ? D.format(start) : ""}:${item.end ? D.format(end) : ""}`;
    host.r.report(catalog.invalidArgument(host.r.at(item.span), `range ${text} is out of range or empty for ${where}; a range start:end needs 0 <= start < end <= ${D.format(size)}`));
    return undefined;
  }
  return { start, size: length, whole: !item.start && !item.end, drop: false, step };
}

/** A range's step: 1 when omitted, else a constant int other than 0. */
function stepOf(host: IndexHost, item: A.IndexItem): number | undefined {
  if (!item.step) return 1;
  const v = host.value(item.step);
  if (v.t === "unknown") return undefined;
  const c = v.t === "int" ? D.constValue(v.v) : undefined;
  if (c === undefined || c === 0) {
    const got = v.t === "int" ? (c === 0 ? "0" : `${D.format(v.v)}, which is not a constant`) : describe(v);
    host.r.report(catalog.invalidArgument(host.r.at(item.step.span), `a slice step must be a constant int other than 0 (2 keeps every other element, -1 reverses the axis), but got ${got}`));
    return undefined;
  }
  return c;
}

/**
 * `start:end:step` with a negative step, as in Python: from `start` (default the last element)
 * down to `end` exclusive (default past the first), so the block is `(end, start]`.
 */
function backwardCut(host: IndexHost, item: A.IndexItem, size: D.Dim, where: string, step: number, bound: (e: A.Expr | undefined, fallback: D.Dim) => D.Dim | undefined): AxisCut | undefined {
  const top = bound(item.start, D.sub(size, D.dim(1)));
  const below = bound(item.end, D.dim(-1));
  if (!top || !below) return undefined;
  const n = D.constValue(size);
  const s = D.constValue(top);
  const e = item.end ? D.constValue(below) : -1;
  const length = D.sub(top, below);
  const l = D.constValue(length);
  if ((s !== undefined && (s < 0 || (n !== undefined && s >= n))) || (item.end && e !== undefined && e < 0) || (l !== undefined && l <= 0)) {
    const text = `${item.start ? D.format(top) : ""}:${item.end ? D.format(below) : ""}:${step}`;
    host.r.report(
      catalog.invalidArgument(host.r.at(item.span), `range ${text} is out of range or empty for ${where}; with a negative step a range start:end walks down from start to end (exclusive), so it needs 0 <= end < start < ${D.format(size)}`),
    );
    return undefined;
  }
  return { start: D.add(below, D.dim(1)), size: length, whole: !item.start && !item.end, drop: false, step };
}
