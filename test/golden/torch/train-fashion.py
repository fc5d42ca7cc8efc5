# Generated from test/golden/codegen/train-fashion.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Small() on x: f32[B, 28, 28, 1].
# Trainable parameters: 13610.
class Small(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 1, "filters": 8, "kernel": [3, 3], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 1352, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = dl.ops.relu(t1)
        t3 = dl.ops.maxPool(t2, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        t4 = dl.ops.reshape(t3, [1352])
        t5 = self.dense_0.apply(t4)
        return t5


# Fashion-MNIST, standardized, on a subset, checkpointed every 100 steps.
# The training program `train fashion`; run it with dl.run().
def fashion():
    def _build(rng):
        net = Small(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.002, "beta1": 0.85, "beta2": 0.999, "eps": 1e-7, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 15, "column": 23}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            t1 = net.apply(x, False)
            t2 = dl.metrics.accuracy(t1, y)
            return {"accuracy": t2}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.fashionMnist({"split": "train"}).normalize(0.286, 0.353, {"field": "x"}).take(6000).batch(100, {"shuffle": True, "dropLast": False}), "test": dl.data.fashionMnist({"split": "test"}).normalize(0.286, 0.353, {"field": "x"}).batch(500, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}, "evaluate": {"over": "test", "metrics": _metrics}}
    return {"name": "fashion", "source": "test/golden/codegen/train-fashion.dl", "seed": 7, "epochs": 2, "checkpointEvery": {"steps": 100}, "build": _build}

TRAIN_PROGRAMS = ["fashion"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
