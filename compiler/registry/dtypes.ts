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
  const hint =
    entry.category === "losses" || entry.category === "metrics"
      ? labelsHint(entry, inputs, i)
      : entry.weights || entry.category === "activation"
        ? "; integer tokens enter a network through embedding(vocab, dim), or declare the input f32"
        : "; declare the input f32";
  return `${site} takes f32 values, but ${which} is ${t.dtype}${formatShape(t.shape)}${hint}`;
}

/**
 * Integers given to a loss or metric that takes f32 values are class labels, not a dtype slip:
 * arguments in scikit-learn's order (labels first), or class indices given to a regression or
 * binary loss (`mse(net(x), y)`, `bce(net(x), y)` on ten classes).
 */
function labelsHint(entry: RegistryEntry, inputs: readonly TensorShape[], i: number): string {
  const t = inputs[i]!;
  const predictions = inputs.findIndex((s, k) => k !== i && s.dtype === "f32");
  if (i === 0 && predictions > 0 && inputs[predictions]!.shape.length > t.shape.length) {
    return `: these look like the labels; the predictions come first, ${entry.name}(predictions, labels)`;
  }
  const what = t.classes ? `class indices (${t.classes.n} classes, from ${t.classes.source})` : "integer labels";
  return `: these are ${what}; to classify, use cross_entropy(logits, labels), which takes class indices as they are (and applies softmax itself), or make them vectors with one_hot(${t.classes?.n ?? "n"}) in the data pipeline`;
}
