# Generated from test/golden/codegen/train-helper-open-input-size.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# A helper whose input width is a symbol: the train block's data fixes it (N = 12).
# Head(classes=3) on x: f32[B, 12].
# Trainable parameters: 259.
class Head(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 12, "units": 16, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 16, "units": 3, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = self.dense_1.apply(t2)
        return t3


# The training program `train head`; run it with dl.run().
def head():
    def _build(rng):
        net = Head(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 13, "column": 23}, _loss)
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.blobs({"n": 1000, "centers": 3, "features": 12}).batch(32, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}}
    return {"name": "head", "source": "test/golden/codegen/train-helper-open-input-size.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["head"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
