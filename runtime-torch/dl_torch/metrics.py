"""``dl.metrics`` on torch (runtime/metrics)."""


def accuracy(logits, labels):
    predicted = logits.argmax(-1)
    truth = labels.argmax(-1) if labels.dim() == logits.dim() else labels.long()
    return (predicted == truth).float().mean()


def binaryAccuracy(probabilities, targets):
    return ((probabilities >= 0.5) == (targets >= 0.5)).float().mean()
