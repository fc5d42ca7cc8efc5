# Generated from test/golden/codegen/train-blobs-sgd.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


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


# Gaussian blobs with plain SGD.
# The training program `train blobs_sgd`; run it with dl.run().
def blobs_sgd():
    def _build(rng):
        net = Classifier(None, "net", rng.child("net"))
        opt = dl.optim.sgd([net], {"lr": 0.1, "weightDecay": 0.0001})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 14, "column": 23}, _loss)
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"points": dl.data.blobs({"n": 500, "centers": 5, "features": 4}).batch(50, {"shuffle": True, "dropLast": True})}, "loop": {"over": "points", "step": _step}}
    return {"name": "blobs_sgd", "source": "test/golden/codegen/train-blobs-sgd.dl", "seed": 42, "epochs": 5, "build": _build}

TRAIN_PROGRAMS = ["blobs_sgd"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
