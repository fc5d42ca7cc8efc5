# Generated from test/golden/codegen/train-best-early-stop.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Classifier() on x: f32[B, 4].
# Trainable parameters: 131.
class Classifier(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 4, "units": 16, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 16, "units": 3, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = self.dense_1.apply(t2)
        return t3


# Keeps the checkpoint of the best test accuracy and stops when the test loss stalls.
# The training program `train blobs_best`; run it with dl.run().
def blobs_best():
    def _build(rng):
        net = Classifier(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 14, "column": 23}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            t1 = net.apply(x, False)
            t2 = dl.metrics.accuracy(t1, y)
            t3 = dl.losses.crossEntropy(t1, y)
            return {"accuracy": t2, "loss": t3}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"points": dl.data.blobs({"n": 300, "centers": 3, "features": 4}).batch(50, {"shuffle": True, "dropLast": False}), "held": dl.data.blobs({"n": 90, "centers": 3, "features": 4}).batch(90, {"shuffle": False, "dropLast": False})}, "loop": {"over": "points", "step": _step}, "evaluate": {"over": "held", "metrics": _metrics}}
    return {"name": "blobs_best", "source": "test/golden/codegen/train-best-early-stop.dl", "seed": 0, "epochs": 20, "checkpointEvery": {"epochs": 1}, "checkpointBest": {"metric": "held_accuracy", "mode": "max"}, "stopEarly": {"metric": "held_loss", "mode": "min", "patience": 3}, "build": _build}

TRAIN_PROGRAMS = ["blobs_best"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
