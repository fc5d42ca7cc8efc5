import { secondOrder } from "../../registry/second-order.js";
import { constValue, definitelyDifferent, format, formatShape } from "../../shapes/dim.js";
import type { RegistryEntry, ShapeContext, TensorShape } from "../../registry/types.js";

/** Targets are class indices `[B]` (int) or probabilities shaped like the prediction. */
export function checkTargets(ctx: ShapeContext, pred: TensorShape, target: TensorShape, allowIndices: boolean): boolean {
  if (allowIndices && pred.shape.length < 2) {
    ctx.fail("rankMismatch", `${ctx.site} expects class scores [B, C] but got ${formatShape(pred.shape)}`);
    return false;
  }
  if (allowIndices && target.shape.length === pred.shape.length - 1) {
    if (definitelyDifferent(target.shape[0]!, pred.shape[0]!)) {
      ctx.fail("dimensionMismatch", `${ctx.site}: predictions ${formatShape(pred.shape)} and labels ${formatShape(target.shape)} have different batch sizes`);
      return false;
    }
    // Scores of a sequence [B, T, C] take labels [B, T]: every axis but the classes must agree.
    const axis = target.shape.findIndex((d, i) => i > 0 && definitelyDifferent(d, pred.shape[i]!));
    if (axis > 0) {
      ctx.fail(
        "dimensionMismatch",
        `${ctx.site}: class scores ${formatShape(pred.shape)} take labels ${formatShape(pred.shape.slice(0, -1))} (one per score vector), but got ${formatShape(target.shape)}: axis ${axis} is ${format(target.shape[axis]!)}, expected ${format(pred.shape[axis]!)}`,
      );
      return false;
    }
    // Labels from a data set that declares its classes need one score per class.
    const width = constValue(pred.shape[pred.shape.length - 1]!);
    const classes = target.classes;
    if (classes && width !== undefined && width !== classes.n) {
      ctx.fail(
        "dimensionMismatch",
        `${ctx.site}: the labels come from ${classes.source}, which has ${classes.n} classes, but the predictions ${formatShape(pred.shape)} have ${width} class scores; ` +
          `the model's last layer must output ${classes.n} (for example dense(${classes.n}))`,
      );
      return false;
    }
    return true;
  }
  if (target.shape.length !== pred.shape.length) {
    ctx.fail(
      "rankMismatch",
      `${ctx.site}: predictions ${formatShape(pred.shape)} need targets of the same shape` +
        (allowIndices ? ` or class indices [${format(pred.shape[0]!)}]` : "") +
        `, but got ${formatShape(target.shape)}` +
        // One score vector per time step against one label per example: a sequence layer left returning every step.
        (pred.shape.length === 3 && target.shape.length === 1
          ? `; the predictions have a score vector per step of axis 1: for one label per example, end the recurrent part with its last step (lstm(units) without return_sequences=true) or pool the steps (mean(axis=1))`
          : ""),
    );
    return false;
  }
  for (let i = 0; i < pred.shape.length; i++) {
    if (definitelyDifferent(pred.shape[i]!, target.shape[i]!)) {
      ctx.fail("dimensionMismatch", `${ctx.site}: predictions ${formatShape(pred.shape)} and targets ${formatShape(target.shape)} differ on axis ${i}`);
      return false;
    }
  }
  return true;
}

function loss(name: string, runtime: string, doc: string, allowIndices: boolean, kind: "loss" | "metric" = "loss", expects?: RegistryEntry["expects"]): RegistryEntry {
  return {
    ...(expects ? { expects } : {}),
    kind,
    twiceDifferentiable: kind === "metric" ? secondOrder.metric : true,
    name,
    category: kind === "loss" ? "losses" : "metrics",
    doc,
    args: [],
    inputs: { min: 2, max: 2 },
    // Class indices are integers; targets shaped like the predictions are f32.
    ...(allowIndices ? { integerInputs: [1] } : {}),
    shape(ctx) {
      const [pred, target] = ctx.inputs as [TensorShape, TensorShape];
      return checkTargets(ctx, pred, target, allowIndices) ? { shape: [], dtype: "f32" } : undefined;
    },
    apply: (_ctx, [p, t]) => `${runtime}(${p}, ${t})`,
  };
}

export const crossEntropy = loss(
  "cross_entropy",
  "dl.losses.crossEntropy",
  "Softmax cross-entropy from logits `[B, C]` and class indices `[B]` (or probabilities `[B, C]`), averaged over the batch: `−mean log softmax(logits)[y]`.",
  true,
  "loss",
  "logits",
);
export const bce = loss(
  "bce",
  "dl.losses.bce",
  "Binary cross-entropy of probabilities `p` (after `sigmoid`) against targets `t` of the same shape: `−mean(t log p + (1 − t) log(1 − p))`. For logits use `bce_with_logits`.",
  false,
  "loss",
  "probabilities",
);
export const bceWithLogits = loss(
  "bce_with_logits",
  "dl.losses.bceWithLogits",
  "Binary cross-entropy from logits `z` (no `sigmoid` before it) against targets `t` of the same shape: `bce(sigmoid(z), t)` computed stably, like PyTorch's `BCEWithLogitsLoss`.",
  false,
  "loss",
  "logits",
);
export const mse = loss("mse", "dl.losses.mse", "Mean squared error `mean((prediction − target)²)` over all elements; shapes must match.", false);
export const accuracy = loss(
  "accuracy",
  "dl.metrics.accuracy",
  "Fraction of examples whose arg-max prediction equals the label (class indices `[B]` or one-hot `[B, C]`).",
  true,
  "metric",
);

/** One score per example (`[B]` or `[B, 1]`) and binary labels `[B]` (or the same shape as the scores). */
function binaryShape(ctx: ShapeContext): TensorShape | undefined {
  const [pred, target] = ctx.inputs as [TensorShape, TensorShape];
  const scores = pred.shape.length === 1 || (pred.shape.length === 2 && constValue(pred.shape[1]!) === 1);
  if (!scores) return ctx.fail("rankMismatch", `${ctx.site} expects one score per example, [B] or [B, 1], but got ${formatShape(pred.shape)}`);
  if (target.classes && target.classes.n !== 2) {
    return ctx.fail("dimensionMismatch", `${ctx.site} needs two classes (labels 0 and 1), but the labels come from ${target.classes.source}, which has ${target.classes.n}`);
  }
  const labels = target.shape.length === 1 || (target.shape.length === 2 && pred.shape.length === 2 && constValue(target.shape[1]!) === 1);
  if (!labels || definitelyDifferent(target.shape[0]!, pred.shape[0]!)) {
    return ctx.fail("dimensionMismatch", `${ctx.site}: scores ${formatShape(pred.shape)} need labels [${format(pred.shape[0]!)}] (or [${format(pred.shape[0]!)}, 1]) in {0, 1}, but got ${formatShape(target.shape)}`);
  }
  return { shape: [], dtype: "f32" };
}

export const perceptronLoss: RegistryEntry = {
  kind: "loss",
  twiceDifferentiable: true,
  name: "perceptron_loss",
  category: "losses",
  doc:
    "Rosenblatt's perceptron criterion on one score per example (`[B]` or `[B, 1]`, no activation) and labels in {0, 1}: " +
    "with t = 2y − 1, the mean of `−t·s` over misclassified examples (`t·s ≤ 0`). `sgd` on it is the perceptron rule " +
    "`w ← w + η·t·x` (averaged over the batch; the classic rule with `batch(1)`); it converges when the classes are linearly separable.",
  args: [],
  inputs: { min: 2, max: 2 },
  integerInputs: [1],
  expects: "logits",
  shape: binaryShape,
  apply: (_ctx, [s, y]) => `dl.losses.perceptronLoss(${s}, ${y})`,
};

export const binaryAccuracy: RegistryEntry = {
  kind: "metric",
  twiceDifferentiable: secondOrder.metric,
  name: "binary_accuracy",
  category: "metrics",
  doc:
    "Fraction of correct yes/no predictions from one value per example (`[B]` or `[B, 1]`) against labels in {0, 1}: a value at or " +
    "above `threshold` predicts 1. `threshold=0.5` for probabilities (after `sigmoid`), `0` for scores and logits.",
  args: [{ name: "threshold", type: "float", default: "0.5", doc: "Predict 1 at or above this value.", min: -Infinity }],
  inputs: { min: 2, max: 2 },
  integerInputs: [1],
  shape: binaryShape,
  apply: (ctx, [p, y]) => `dl.metrics.binaryAccuracy(${p}, ${y}, ${String(ctx.args.threshold)})`,
};
