/**
 * How diagnostics name the context they arose in: the instantiation of a model with its
 * arguments, a `repeat` iteration, an `if` branch. The reporter attaches these to diagnostics.
 */
import { format } from "../shapes/dim.js";
import { describe, type Value } from "./values.js";

/** A value as DL source would write it: `128`, `0.5`, `true`, `"relu"`. */
export function sourceText(v: Value): string {
  switch (v.t) {
    case "int":
      return format(v.v);
    case "float":
      return Number.isInteger(v.v) ? v.v.toFixed(1) : String(v.v);
    case "bool":
      return v.v === undefined ? "bool" : String(v.v);
    case "string":
      return JSON.stringify(v.v);
    default:
      return describe(v);
  }
}

/** `in BasicBlock(filters=128, stride=2)`: a model with the parameters it is checked for. */
export function instantiationText(name: string, params: Iterable<[string, Value]>): string {
  const args = [...params].map(([k, v]) => `${k}=${sourceText(v)}`);
  return args.length ? `in ${name}(${args.join(", ")})` : `in ${name}`;
}

/** `in repeat iteration 2 of 3`. */
export function iterationText(iteration: number, count: number): string {
  return `in repeat iteration ${iteration} of ${count}`;
}

/** `in the else branch, as 'stride == 1' is false`; `condition` is the source text. */
export function branchText(taken: boolean, condition: string): string {
  const shown = condition.replace(/\s+/g, " ").trim();
  const cut = shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  return `in the ${taken ? "then" : "else"} branch, as '${cut}' is ${taken}`;
}
