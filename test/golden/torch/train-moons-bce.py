# Generated from test/golden/codegen/train-moons-bce.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Moons() on x: f32[B, 2].
# Trainable parameters: 82.
class Moons(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 2, "units": 16, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 16, "units": 2, "bias": True})

    def apply(self, x, training):
        t1 = self.dense_0.apply(x)
        t2 = dl.ops.tanh(t1)
        t3 = self.dense_1.apply(t2)
        t4 = dl.ops.softmax(t3, -1)
        return t4


# Two half moons, one-hot labels, binary cross-entropy on probabilities.
# The training program `train moons_bce`; run it with dl.run().
def moons_bce():
    def _build(rng):
        net = Moons(None, "net", rng.child("net"))
        opt = dl.optim.momentum([net], {"lr": 0.05, "momentum": 0.8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.bce(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 13, "column": 23}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            t1 = net.apply(x, False)
            t2 = dl.metrics.accuracy(t1, y)
            t3 = dl.losses.mse(t1, y)
            return {"accuracy": t2, "mse": t3}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.moons({"n": 400, "noise": 0.2}).oneHot(2, {"field": "y"}).batch(32, {"shuffle": True, "dropLast": False})}, "loop": {"over": "train", "step": _step}, "evaluate": {"over": "train", "metrics": _metrics}}
    return {"name": "moons_bce", "source": "test/golden/codegen/train-moons-bce.dl", "seed": 0, "epochs": 10, "build": _build}

TRAIN_PROGRAMS = ["moons_bce"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
