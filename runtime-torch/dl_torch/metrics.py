"""``dl.metrics`` on torch (runtime/metrics)."""


def accuracy(logits, labels):
    predicted = logits.argmax(-1)
    truth = labels.argmax(-1) if labels.dim() == logits.dim() else labels.long()
    return (predicted == truth).float().mean()


def binaryAccuracy(probabilities, targets):
    return ((probabilities >= 0.5) == (targets >= 0.5)).float().mean()


def _rows_and_truth(logits, labels):
    """Scores ``[..., C]`` as rows ``[N, C]`` and labels (indices or one-hot) as indices ``[N]``."""
    classes = logits.shape[-1]
    truth = labels.argmax(-1) if labels.dim() == logits.dim() else labels.long()
    return logits.reshape(-1, classes), truth.reshape(-1)


def topKAccuracy(logits, labels, k=5):
    """Fraction of rows whose label is among the ``k`` highest scores: fewer than ``k`` classes
    score strictly higher than the label's (ties count in its favour, as on the tfjs engine)."""
    rows, truth = _rows_and_truth(logits, labels)
    own = rows.gather(1, truth.unsqueeze(1))
    above = (rows > own).sum(-1)
    return (above < k).float().mean()


def confusionCounts(logits, labels):
    """Confusion counts ``[C, C]`` of one batch (float): row = true class, column = predicted."""
    rows, truth = _rows_and_truth(logits, labels)
    classes = rows.shape[1]
    predicted = rows.argmax(-1)
    # Out-of-range labels count nowhere, as tf.oneHot's zero rows do on the tfjs engine.
    keep = (truth >= 0) & (truth < classes)
    cells = (truth[keep] * classes + predicted[keep]).bincount(minlength=classes * classes)
    return cells.reshape(classes, classes).float()


def per_class(counts):
    """Per-class precision, recall and F1 of confusion counts (nested lists), and the classes
    scikit-learn's macro average takes (those that occur as a label or a prediction)."""
    n = len(counts)
    tp = [counts[i][i] for i in range(n)]
    truth = [sum(row) for row in counts]
    predicted = [sum(row[j] for row in counts) for j in range(n)]
    precision = [t / p if p > 0 else 0.0 for t, p in zip(tp, predicted)]
    recall = [t / a if a > 0 else 0.0 for t, a in zip(tp, truth)]
    f1 = [2 * p * r / (p + r) if p + r > 0 else 0.0 for p, r in zip(precision, recall)]
    present = [a > 0 or p > 0 for a, p in zip(truth, predicted)]
    return {"precision": precision, "recall": recall, "f1": f1, "present": present}


def macro(kind, counts):
    """A macro-averaged ``precision``, ``recall`` or ``f1`` of confusion counts summed over a set."""
    c = per_class(counts)
    values = [v for v, keep in zip(c[kind], c["present"]) if keep]
    return sum(values) / len(values) if values else 0.0


def confusion_csv(counts):
    """The CSV of a confusion matrix: a header of predicted classes, then one row per true class."""
    lines = [",".join(["true\\predicted"] + [str(j) for j in range(len(counts))])]
    lines += [",".join([str(i)] + [str(int(round(v))) for v in row]) for i, row in enumerate(counts)]
    return "\n".join(lines) + "\n"
