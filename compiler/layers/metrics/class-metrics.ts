/**
 * Classification metrics beyond accuracy: top-k accuracy (a batch mean, like accuracy) and the
 * metrics counted over the whole evaluation set (macro precision, recall and F1, the confusion
 * matrix), which the engine computes from confusion counts summed over every batch.
 */
import { secondOrder } from "../../registry/second-order.js";
import { constValue, formatShape } from "../../shapes/dim.js";
import type { RegistryEntry, TensorShape, WholeSetMetric } from "../../registry/types.js";
import { arg } from "../helpers.js";
import { checkTargets } from "../losses/classification.js";

export const topKAccuracy: RegistryEntry = {
  kind: "metric",
  twiceDifferentiable: secondOrder.metric,
  name: "top_k_accuracy",
  category: "metrics",
  doc:
    "Fraction of examples whose label is among the `k` highest class scores (scores `[B, C]`, labels `[B]` or one-hot `[B, C]`): " +
    "an example counts when fewer than `k` classes score strictly higher than its label, so ties count in its favour. `k=1` is `accuracy`.",
  args: [{ name: "k", type: "int", default: "5", doc: "How many of the highest scores may hold the label." }],
  inputs: { min: 2, max: 2 },
  integerInputs: [1],
  shape(ctx) {
    const [pred, target] = ctx.inputs as [TensorShape, TensorShape];
    if (!checkTargets(ctx, pred, target, true)) return undefined;
    const k = constValue(arg.dim(ctx.args.k));
    const classes = constValue(pred.shape[pred.shape.length - 1]!);
    if (k !== undefined && classes !== undefined && k > classes) {
      return ctx.fail("invalidArgument", `${ctx.site}: k=${k} is more than the ${classes} class scores of ${formatShape(pred.shape)}; k must be at most ${classes}`);
    }
    return { shape: [], dtype: "f32" };
  },
  apply: (ctx, [p, y]) => `dl.metrics.topKAccuracy(${p}, ${y}, ${ctx.dim(arg.dim(ctx.args.k))})`,
};

function wholeSet(name: string, kind: WholeSetMetric, doc: string): RegistryEntry {
  return {
    kind: "metric",
    twiceDifferentiable: secondOrder.metric,
    name,
    category: "metrics",
    doc,
    args: [],
    inputs: { min: 2, max: 2 },
    integerInputs: [1],
    wholeSet: kind,
    shape(ctx) {
      const [pred, target] = ctx.inputs as [TensorShape, TensorShape];
      if (!checkTargets(ctx, pred, target, true)) return undefined;
      // What one batch computes: its confusion counts. The metric's own value (a number, or the
      // matrix) is what the evaluate block reports for it.
      const c = pred.shape[pred.shape.length - 1]!;
      return { shape: [c, c], dtype: "f32" };
    },
    // Per batch: the confusion counts, summed over the set by the engine (TrainEvaluate.totals).
    apply: (_ctx, [p, y]) => `dl.metrics.confusionCounts(${p}, ${y})`,
  };
}

const sklearn =
  "Counted over the whole evaluation set (confusion counts summed over every batch, not a mean of batch values) and macro averaged " +
  "as scikit-learn's `average=\"macro\"`: over the classes that occur as a label or a prediction, a class never predicted counting precision 0 " +
  "and one never a label recall 0. Scores `[B, C]` (the arg-max is the prediction), labels `[B]` or one-hot `[B, C]`. Only as a metric's whole value in `evaluate`.";

export const precision = wholeSet("precision", "precision", `Macro-averaged precision: the mean over classes of TP / (TP + FP). ${sklearn}`);
export const recall = wholeSet("recall", "recall", `Macro-averaged recall: the mean over classes of TP / (TP + FN). ${sklearn}`);
export const f1 = wholeSet("f1", "f1", `Macro-averaged F1: the mean over classes of 2·P·R / (P + R) (0 where P + R = 0), not the F1 of the averaged P and R. ${sklearn}`);
export const confusionMatrix = wholeSet(
  "confusion_matrix",
  "confusion",
  "The confusion matrix `[C, C]` over the whole evaluation set: row = true class, column = predicted class (arg-max of the scores), counts summed over every batch. " +
    "Written each epoch to `runs/<train>/<set>_<metric>/epoch-<n>.csv` (a header row of predicted classes, then one row per true class) and named in the history row (`\"test_cm\": \"test_cm/epoch-3.csv\"`); not a number, so `checkpoint best` and `stop early` cannot watch it. " +
    "Only as a metric's whole value in `evaluate`.",
);

/** The entries of this file. */
export const classMetrics: RegistryEntry[] = [topKAccuracy, precision, recall, f1, confusionMatrix];
