# Generated from test/golden/codegen/mlp-mnist.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# The multilayer perceptron of Keras' mnist_mlp example: 784-512-512-10 with ReLU and
# dropout. 669,706 parameters.
# MLP(hidden=512, classes=10, rate=0.2) on x: f32[B, 28, 28, 1].
# Trainable parameters: 669706.
class MLP(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 784, "units": 512, "bias": True})
        self.dropout_0 = dl.layers.Dropout(self, "dropout_0", {"rate": 0.2})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 512, "units": 512, "bias": True})
        self.dropout_1 = dl.layers.Dropout(self, "dropout_1", {"rate": 0.2})
        self.dense_2 = dl.layers.Dense(self, "dense_2", {"inFeatures": 512, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = dl.ops.reshape(x, [784])
        t2 = self.dense_0.apply(t1)
        t3 = dl.ops.relu(t2)
        t4 = self.dropout_0.apply(t3, training)
        t5 = self.dense_1.apply(t4)
        t6 = dl.ops.relu(t5)
        t7 = self.dropout_1.apply(t6, training)
        t8 = self.dense_2.apply(t7)
        return t8


# Trains the MLP on MNIST with Adam.
# The training program `train mlp`; run it with dl.run().
def mlp():
    def _build(rng):
        net = MLP(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 21, "column": 23}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            t1 = net.apply(x, False)
            t2 = dl.metrics.accuracy(t1, y)
            return {"accuracy": t2}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.mnist({"split": "train"}).batch(128, {"shuffle": True, "dropLast": False}), "test": dl.data.mnist({"split": "test"}).batch(1000, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}, "evaluate": {"over": "test", "metrics": _metrics}}
    return {"name": "mlp", "source": "test/golden/codegen/mlp-mnist.dl", "seed": 1, "epochs": 3, "checkpointEvery": {"epochs": 1}, "build": _build}

TRAIN_PROGRAMS = ["mlp"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
