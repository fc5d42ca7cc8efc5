# Generated from test/golden/codegen/train-multiple-metrics.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# Net() on x: f32[B, 28, 28, 1].
# Trainable parameters: 101770.
class Net(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 128, "bias": True})
        self.dropout_0 = dl.layers.Dropout(self, "dropout_0", {"rate": 0.2})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 128, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [784])
        t2 = self.dense_0.apply(t1)
        t3 = dl.ops.relu(t2)
        t4 = self.dropout_0.apply(t3, training)
        t5 = self.dense_1.apply(t4)
        return t5


# Evaluation with several metrics; one-hot targets in the training loss.
# The training program `train metrics`; run it with dl.run().
def metrics():
    def _build(rng):
        net = Net(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 15, "column": 23}, _loss)
        def _metrics(batch):
            images, labels = batch[:2]
            t1 = net.apply(images, False)
            t2 = dl.metrics.accuracy(t1, labels)
            t3 = dl.losses.crossEntropy(t1, labels)
            return {"acc": t2, "loss": t3}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.mnist({"split": "train"}).oneHot(10, {"field": "y"}).batch(256, {"shuffle": True, "dropLast": False}), "test": dl.data.mnist({"split": "test"}).batch(1000, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}, "evaluate": {"over": "test", "metrics": _metrics}}
    return {"name": "metrics", "source": "test/golden/codegen/train-multiple-metrics.dl", "seed": 0, "epochs": 1, "build": _build}

TRAIN_PROGRAMS = ["metrics"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
