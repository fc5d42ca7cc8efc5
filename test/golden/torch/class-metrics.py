# Generated from test/golden/codegen/class-metrics.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Evaluation metrics beyond accuracy: top-k accuracy (a batch mean) and the metrics counted over
# the whole set (macro precision, recall, F1 and the confusion matrix, summed as counts).
# Classifier() on x: f32[B, 4].
# Trainable parameters: 165.
class Classifier(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 4, "units": 16, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 16, "units": 5, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = self.dense_1.apply(t2)
        return t3


# The training program `train metrics`; run it with dl.run().
def metrics():
    def _build(rng):
        net = Classifier(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 15, "column": 23}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            logits = net.apply(x, False)
            t1 = dl.metrics.topKAccuracy(logits, y, 3)
            t2 = dl.metrics.confusionCounts(logits, y)
            t3 = dl.metrics.confusionCounts(logits, y)
            t4 = dl.metrics.confusionCounts(logits, y)
            t5 = dl.metrics.confusionCounts(logits, y)
            return {"top3": t1, "precision": t2, "recall": t3, "f1": t4, "confusion": t5}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.blobs({"n": 100, "centers": 5, "features": 4}).batch(20, {"shuffle": True, "dropLast": False}), "test": dl.data.blobs({"n": 50, "centers": 5, "features": 4}).batch(25, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}, "evaluate": {"over": "test", "metrics": _metrics, "totals": {"precision": "precision", "recall": "recall", "f1": "f1", "confusion": "confusion"}}}
    return {"name": "metrics", "source": "test/golden/codegen/class-metrics.dl", "seed": 0, "epochs": 2, "checkpointBest": {"metric": "test_f1", "mode": "max"}, "build": _build}

TRAIN_PROGRAMS = ["metrics"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
