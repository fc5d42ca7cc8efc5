# Generated from test/golden/codegen/lenet-mnist.dl by dl (--target torch). Do not edit: change the .dl file and compile again.
# Run: python3 <this file> [--device cpu|cuda] [--out dir] [--resume]; python3 -m dl_torch.launch --nproc_per_node 2 <this file> (torchrun) for data-parallel.
import dl_torch as dl


# LeNet-5 (LeCun et al. 1998) on 32×32 grayscale digits: two convolution and
# average-pooling stages, then three fully connected layers. 61,706 parameters.
# LeNet5(classes=10) on x: f32[B, 32, 32, 1].
# Trainable parameters: 61706.
class LeNet5(dl.Module):
    def __init__(self, parent, name, rng=None):
        super().__init__(parent, name, rng)
        self.conv2d_0 = dl.layers.Conv2D(self, "conv2d_0", {"inChannels": 1, "filters": 6, "kernel": [5, 5], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.conv2d_1 = dl.layers.Conv2D(self, "conv2d_1", {"inChannels": 6, "filters": 16, "kernel": [5, 5], "stride": [1, 1], "padding": "valid", "dilation": [1, 1], "groups": 1, "bias": True})
        self.dense_0 = dl.layers.Dense(self, "dense_0", {"inFeatures": 400, "units": 120, "bias": True})
        self.dense_1 = dl.layers.Dense(self, "dense_1", {"inFeatures": 120, "units": 84, "bias": True})
        self.dense_2 = dl.layers.Dense(self, "dense_2", {"inFeatures": 84, "units": 10, "bias": True})

    def apply(self, x, training):
        t1 = self.conv2d_0.apply(x)
        t2 = dl.ops.tanh(t1)
        t3 = dl.ops.avgPool(t2, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        t4 = self.conv2d_1.apply(t3)
        t5 = dl.ops.tanh(t4)
        t6 = dl.ops.avgPool(t5, {"size": [2, 2], "stride": [2, 2], "padding": "valid"})
        t7 = dl.ops.reshape(t6, [400])
        t8 = self.dense_0.apply(t7)
        t9 = dl.ops.tanh(t8)
        t10 = self.dense_1.apply(t9)
        t11 = dl.ops.tanh(t10)
        t12 = self.dense_2.apply(t11)
        return t12


# Trains LeNet-5 on MNIST, padded from 28×28 to 32×32 as in the paper.
# The training program `train lenet`; run it with dl.run().
def lenet():
    def _build(rng):
        net = LeNet5(None, "net", rng.child("net"))
        opt = dl.optim.adam([net], {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0})
        def _step(batch, s):
            x, y = batch[:2]
            def _loss():
                t1 = net.apply(x, True)
                t2 = dl.losses.crossEntropy(t1, y)
                return t2
            s.minimize(opt, "loss", {"line": 23, "column": 23}, _loss)
        def _metrics(batch):
            x, y = batch[:2]
            t1 = net.apply(x, False)
            t2 = dl.metrics.accuracy(t1, y)
            t3 = dl.losses.crossEntropy(t1, y)
            return {"accuracy": t2, "loss": t3}
        return {"models": {"net": net}, "optimizers": {"opt": opt}, "data": {"train": dl.data.mnist({"split": "train"}).pad(2, {"field": "x"}).batch(64, {"shuffle": True, "dropLast": False}), "test": dl.data.mnist({"split": "test"}).pad(2, {"field": "x"}).batch(1000, {"shuffle": False, "dropLast": False})}, "loop": {"over": "train", "step": _step}, "evaluate": {"over": "test", "metrics": _metrics}}
    return {"name": "lenet", "source": "test/golden/codegen/lenet-mnist.dl", "seed": 1, "epochs": 3, "checkpointEvery": {"epochs": 1}, "build": _build}

TRAIN_PROGRAMS = ["lenet"]

if __name__ == "__main__":
    raise SystemExit(dl.main(__import__(__name__)))
