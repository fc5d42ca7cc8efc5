/** The dtype rule every registry entry shares: float layers take f32 values only. */
import { formatShape } from "../shapes/dim.js";
import type { RegistryEntry, TensorShape } from "./types.js";

/**
 * The message for the first input that holds integers where `entry` takes f32 values, or
 * undefined when every input is allowed (see `RegistryEntry.integerInputs`).
 */
export function integerInputProblem(entry: RegistryEntry, inputs: readonly TensorShape[], site: string): string | undefined {
  const allowed = entry.integerInputs;
  const i = inputs.findIndex((t, k) => t.dtype !== "f32" && allowed !== "all" && !allowed?.includes(k));
  if (i < 0) return undefined;
  const t = inputs[i]!;
  const which = inputs.length > 1 ? `its input ${i + 1}` : "its input";
  const hint = entry.weights || entry.category === "activation" ? "; integer tokens enter a network through embedding(vocab, dim), or declare the input f32" : "; declare the input f32";
  return `${site} takes f32 values, but ${which} is ${t.dtype}${formatShape(t.shape)}${hint}`;
}
